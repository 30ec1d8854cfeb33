using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;
using VetActors.GrpcApi.Tests.EndToEnd;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// The portal's pet sections over real gRPC (HTTP/2 on Kestrel, PostgreSQL storage, VetActors' own channel) on a
/// manual clock. The clock starts at 2026-05-01 02:00 UTC, which is still 2026-04-30 (21:00) in the clinics' time
/// zone, America/Chicago: "today" is the clinic's 30 April, so a window computed from UTC's date would be a day off.
/// </summary>
public sealed partial class PortalPetsEndToEndTests(PetsClockServerFixture server) : IClassFixture<PetsClockServerFixture>, IDisposable
{
    private static readonly DateOnly ClinicToday = new(2026, 4, 30);
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://" + server.Target, new GrpcChannelOptions { MaxReceiveMessageSize = null });

    private IGrainFactory Grains => server.Services.GetRequiredService<IGrainFactory>();

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task ListPetsAndGetPet_OwnersPets_ShowPimsSignalmentWithAgeAsOfClinicToday()
    {
        var clinic = await CreateClinicAsync("pets-list", PimsKind.Avimark);
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-1", ("p-rex", "Rex"), ("p-bella", "bella"));
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-2", ("p-other", "Max"));
        var owner = await SignInAsync(clinic, "c-1");

        var listed = await CallAsync<ListPetsRequest, ListPetsResponse>("ListPets", new ListPetsRequest(), owner);
        var rex = (await CallAsync<GetPetRequest, GetPetResponse>("GetPet", new GetPetRequest { PetId = "p-rex" }, owner)).Pet;

        Assert.Equal(["bella", "Rex"], listed.Pets.Select(p => p.Signalment.Name));
        Assert.Equal(rex, listed.Pets[1]);
        Assert.Equal(("canine", "Beagle", "MN", "2020-03-01"), (rex.Signalment.Species, rex.Signalment.Breed, rex.Signalment.Sex, rex.Signalment.BirthDate));
        Assert.Equal((6, 1), (rex.Signalment.AgeYears, rex.Signalment.AgeMonths));
        Assert.Equal(("tan", "985000000000001"), (rex.Signalment.Colour, rex.Signalment.Microchip));
        Assert.Equal((12.5, "kg", "2025-12-01"), (rex.Signalment.Weight, rex.Signalment.WeightUnit, rex.Signalment.WeightDate));
        Assert.Null(rex.Photo);
        Assert.NotNull(rex.DataAsOf);
    }

    [Fact]
    public async Task PetRpcs_AnotherClientsPetOrAnotherClinicsPet_AreNotFoundAndRevealNothing()
    {
        var clinic = await CreateClinicAsync("pets-tenancy", PimsKind.Avimark);
        var otherClinic = await CreateClinicAsync("pets-tenancy-b", PimsKind.Avimark);
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-1", ("p-mine", "Rex"));
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-2", ("p-theirs", "Max"));
        await PortalPets.AddClientWithPetsAsync(Grains, otherClinic, "c-1", ("p-far", "Luna"));
        var owner = await SignInAsync(clinic, "c-1");
        var theirs = await SignInAsync(clinic, "c-2");
        var photo = ByteString.CopyFrom(TestImages.Png());
        await CallAsync<UploadPetPhotoRequest, UploadPetPhotoResponse>("UploadPetPhoto", new UploadPetPhotoRequest { PetId = "p-theirs", Content = photo }, theirs);

        foreach (var petId in new[] { "p-theirs", "p-far", "p-nobody" })
        {
            var refusals = new[]
            {
                await RefusedAsync(() => CallAsync<GetPetRequest, GetPetResponse>("GetPet", new GetPetRequest { PetId = petId }, owner)),
                await RefusedAsync(() => CallAsync<GetPetIdCardRequest, GetPetIdCardResponse>("GetPetIdCard", new GetPetIdCardRequest { PetId = petId }, owner)),
                await RefusedAsync(() => CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = petId }, owner)),
                await RefusedAsync(() => CallAsync<ListPetRemindersRequest, ListPetRemindersResponse>("ListPetReminders", new ListPetRemindersRequest { PetId = petId }, owner)),
                await RefusedAsync(() => CallAsync<UploadPetPhotoRequest, UploadPetPhotoResponse>(
                    "UploadPetPhoto", new UploadPetPhotoRequest { PetId = petId, Content = ByteString.CopyFrom(TestImages.Jpeg()) }, owner)),
            };

            // The same answer as for a pet that does not exist at all: nothing tells the caller the pet is there.
            Assert.All(refusals, r => Assert.Equal((StatusCode.NotFound, $"Pet {petId} does not exist."), (r.StatusCode, r.Status.Detail)));
        }

        var stillTheirs = await CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = "p-theirs" }, theirs);
        Assert.Equal(photo, stillTheirs.Content);
        Assert.Equal(["Rex"], (await CallAsync<ListPetsRequest, ListPetsResponse>("ListPets", new ListPetsRequest(), owner)).Pets.Select(p => p.Signalment.Name));
    }

    [Fact]
    public async Task GetPet_MalformedPetId_IsInvalidArgumentNamingTheField()
    {
        var clinic = await CreateClinicAsync("pets-bad-id", PimsKind.Avimark);
        var owner = await SignInAsync(clinic, "c-1");

        var refused = await RefusedAsync(() => CallAsync<GetPetRequest, GetPetResponse>("GetPet", new GetPetRequest { PetId = "../c-2" }, owner));

        Assert.Equal((StatusCode.InvalidArgument, "pet_id: must be a pet id."), (refused.StatusCode, refused.Status.Detail));
    }

    [Fact]
    public async Task GetPetIdCard_PetWithVaccines_PdftotextReadsNameSignalmentAndOnlyCurrentVaccines()
    {
        var clinic = await CreateClinicAsync("pets-card", PimsKind.Cornerstone);
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-1", ("p-rex", "Rex"));
        await PortalPets.AddRecordsAsync(
            Grains, clinic, "c-1", "p-rex",
            PortalPets.Vaccine("v-rabies", "p-rex", "Rabies", new DateOnly(2025, 6, 1), new DateOnly(2028, 6, 1)),
            PortalPets.Vaccine("v-dhpp", "p-rex", "DHPP", new DateOnly(2025, 4, 30), ClinicToday),
            PortalPets.Vaccine("v-lepto", "p-rex", "Leptospirosis", new DateOnly(2025, 4, 29), ClinicToday.AddDays(-1)),
            PortalPets.Vaccine("v-bord", "p-rex", "Bordetella", new DateOnly(2026, 1, 15), null));
        var owner = await SignInAsync(clinic, "c-1");

        var card = await CallAsync<GetPetIdCardRequest, GetPetIdCardResponse>("GetPetIdCard", new GetPetIdCardRequest { PetId = "p-rex" }, owner);
        var text = await PdfText.ExtractAsync(card.Content.ToByteArray());

        Assert.Equal(("application/pdf", "Rex-id-card.pdf"), (card.ContentType, card.FileName));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(card.Content.Span[..5]), StringComparison.Ordinal);
        Assert.Contains("Rex", text, StringComparison.Ordinal);
        Assert.Contains("Beagle", text, StringComparison.Ordinal);
        Assert.Contains("985000000000001", text, StringComparison.Ordinal);
        Assert.Contains("Rabies", text, StringComparison.Ordinal);
        Assert.Contains("valid until 2028-06-01", text, StringComparison.Ordinal);
        Assert.Contains("DHPP", text, StringComparison.Ordinal);
        Assert.Contains("Bordetella", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Leptospirosis", text, StringComparison.Ordinal);
        Assert.Contains("Issued 2026-04-30", text, StringComparison.Ordinal);
    }

    public static TheoryData<PimsKind> EveryPimsKind() => [.. Enum.GetValues<PimsKind>()];

    [Theory]
    [MemberData(nameof(EveryPimsKind))]
    public async Task IdCardAndReminders_EveryPimsKind_ServedOnlyWhereThePimsFeedsThem(PimsKind pims)
    {
        var clinicId = "pets-gate-" + pims.ToString().ToLowerInvariant();
        if (pims == PimsKind.Unspecified)
        {
            // No clinic can be on an unspecified PIMS, so no portal call ever meets one.
            var refused = await RefusedAsync(() => CreateClinicAsync(clinicId, pims));
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            return;
        }

        var clinic = await CreateClinicAsync(clinicId, pims);
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-1", ("p-rex", "Rex"));
        var owner = await SignInAsync(clinic, "c-1");
        var cardExpected = pims is PimsKind.Cornerstone or PimsKind.Avimark or PimsKind.Impromed or PimsKind.Ezyvet or PimsKind.Pulse;
        var remindersExpected = pims is PimsKind.Cornerstone or PimsKind.Avimark or PimsKind.Impromed or PimsKind.Pulse;

        var card = await OutcomeAsync(() => CallAsync<GetPetIdCardRequest, GetPetIdCardResponse>("GetPetIdCard", new GetPetIdCardRequest { PetId = "p-rex" }, owner));
        var reminders = await OutcomeAsync(() => CallAsync<ListPetRemindersRequest, ListPetRemindersResponse>("ListPetReminders", new ListPetRemindersRequest { PetId = "p-rex" }, owner));

        Assert.Equal(cardExpected ? StatusCode.OK : StatusCode.FailedPrecondition, card.Status);
        Assert.Equal(remindersExpected ? StatusCode.OK : StatusCode.FailedPrecondition, reminders.Status);
        var named = $" not available for clinics on {PimsName(pims)}.";
        Assert.True(cardExpected || (card.Detail.StartsWith("The pet ID card", StringComparison.Ordinal) && card.Detail.EndsWith(named, StringComparison.Ordinal)), card.Detail);
        Assert.True(remindersExpected || (reminders.Detail.StartsWith("Service reminders", StringComparison.Ordinal) && reminders.Detail.EndsWith(named, StringComparison.Ordinal)), reminders.Detail);
    }

    [Fact]
    public async Task ListPetReminders_SixMonthWindowEdges_CountFromTheClinicsToday()
    {
        var clinic = await CreateClinicAsync("pets-reminders", PimsKind.Pulse);
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-1", ("p-rex", "Rex"));
        await PortalPets.AddRecordsAsync(
            Grains, clinic, "c-1", "p-rex",
            PortalPets.Reminder("overdue", "p-rex", "Heartworm test", new DateOnly(2026, 3, 1)),
            PortalPets.Reminder("yesterday", "p-rex", "Nail trim", ClinicToday.AddDays(-1)),
            PortalPets.Reminder("today", "p-rex", "Dental check", ClinicToday),
            PortalPets.Reminder("six-months", "p-rex", "Rabies booster", new DateOnly(2026, 10, 30)),
            PortalPets.Reminder("six-months-and-a-day", "p-rex", "DHPP booster", new DateOnly(2026, 10, 31)),
            PortalPets.Reminder("completed", "p-rex", "Bordetella", new DateOnly(2026, 5, 15), completed: true),
            PortalPets.Reminder("completed-overdue", "p-rex", "Fecal test", new DateOnly(2026, 2, 1), completed: true));
        var owner = await SignInAsync(clinic, "c-1");

        var reminders = (await CallAsync<ListPetRemindersRequest, ListPetRemindersResponse>(
            "ListPetReminders", new ListPetRemindersRequest { PetId = "p-rex" }, owner)).Reminders;

        // UTC's date is already 1 May, whose window would reach 1 November and take in the 31 October reminder.
        Assert.Equal(
            [("overdue", "2026-03-01", true), ("yesterday", "2026-04-29", true), ("today", "2026-04-30", false), ("six-months", "2026-10-30", false)],
            reminders.Select(r => (r.ReminderId, r.DueDate, r.Overdue)));
        Assert.Equal("Rabies booster", reminders[^1].Service);
    }

    private static string PimsName(PimsKind pims) => pims switch
    {
        PimsKind.CornerstoneCloud => "Cornerstone Cloud",
        PimsKind.Ezyvet => "ezyVet",
        PimsKind.Other => "another PIMS",
        _ => pims.ToString(),
    };

    private async Task<string> CreateClinicAsync(string clinicId, PimsKind pims)
    {
        var clinic = ClinicWorld.NewClinic(clinicId, "P-" + clinicId);
        clinic.PimsKind = pims;
        await CallAsync<CreateClinicRequest, Clinic>(
            "ClinicAdmin", "CreateClinic", new CreateClinicRequest { Clinic = clinic, PracticePassword = ClinicWorld.PracticePassword }, ApiTestHost.InternalServiceKey, "admin");
        return clinicId;
    }

    private async Task<string> SignInAsync(string clinicId, string clientId) =>
        (await Sessions.OpenAsync(Grains, clinicId, SessionKind.PortalClient, clientId, null, server.Time.GetUtcNow().AddHours(1))).Token;

    private static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    private static async Task<(StatusCode Status, string Detail)> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return (StatusCode.OK, "");
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.Status.Detail);
        }
    }

    private Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, string token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new() =>
        CallAsync<TRequest, TResponse>("Portal", method, request, token, "portal");

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string service, string method, TRequest request, string? token, string package)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        return await RawGrpcCalls.UnaryAsync<TRequest, TResponse>(_channel, $"vetactors.{package}.v1.{service}", method, request, token);
    }

}
