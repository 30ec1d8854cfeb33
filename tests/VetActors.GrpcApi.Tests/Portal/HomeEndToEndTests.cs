using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;
using AdminPimsKind = VetActors.Protos.Admin.V1.PimsKind;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// The portal home and a pet's appointments over real gRPC (HTTP/2 on Kestrel, PostgreSQL storage, VetActors' client
/// channel) on a manual clock: each test onboards its own clinic in Chicago, feeds it through the clinic's sync grain,
/// signs its pet owner in with an emailed code and asks at 03:00 UTC, when the clinic's date is still the day before.
/// </summary>
public sealed partial class HomeEndToEndTests(HomeClockServerFixture server) : IClassFixture<HomeClockServerFixture>, IDisposable
{
    private const string Password = "correct horse battery";
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://" + server.Target);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task GetHome_OverRealGrpc_ShowsEachSectionWithServicesDueOnTheClinicsDateAndVisibleAppointments()
    {
        var now = NextAskingInstant();
        var today = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        const string clinic = "e2e-home";
        var adminToken = await OnboardAsync(clinic, AdminPimsKind.Avimark, withAdministrator: true);
        await ImportAsync(clinic,
            Client("C1", "ann@e2e-home.example"), Patient("P1", "C1", "Rex"), Patient("P2", "C1", "Bella"),
            Client("C2", "bob@e2e-home.example"), Patient("P9", "C2", "Other"),
            Reminder("due-today", "P1", today), Reminder("due-six-months", "P2", today.AddMonths(6)),
            Reminder("day-after", "P1", today.AddMonths(6).AddDays(1)), Reminder("overdue", "P1", today.AddDays(-1)),
            Reminder("completed", "P1", today.AddDays(5), completed: true), Reminder("not-mine", "P9", today.AddDays(5)),
            Visit("exam", "P1", now.AddDays(3), "Exam"), Visit("exam-at-horizon", "P2", now.AddDays(30), "exam"),
            Visit("exam-beyond", "P1", now.AddDays(31), "Exam"), Visit("surgery", "P1", now.AddDays(2), "Surgery"),
            Visit("exam-cancelled", "P1", now.AddDays(4), "Exam", "cancelled"), Visit("exam-past", "P1", now.AddHours(-2), "Exam"),
            Visit("exam-not-mine", "P9", now.AddDays(1), "Exam"));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => UpdateSettingsAsync(adminToken, horizonDays: 0));
        var settings = await UpdateSettingsAsync(adminToken, horizonDays: 30);
        var owner = await SignInOwnerAsync(clinic, "ann@e2e-home.example");
        await CallAsync<StartConversationRequest, StartConversationResponse>(
            "vetactors.portal.v1.Portal", "StartConversation", new StartConversationRequest { Subject = "Refill", Text = "Tablets for Rex" }, owner);
        server.Time.SetUtcNow(now);

        var home = await CallAsync<GetHomeRequest, GetHomeResponse>("vetactors.portal.v1.Portal", "GetHome", new GetHomeRequest(), owner);

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("settings.appointments.horizon_days", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["Exam"], settings.Settings.Appointments.Kinds);
        Assert.Equal("E2E Clinic e2e-home", home.Clinic.Name);
        Assert.Equal("Mon-Fri 8-18", home.Clinic.Hours);
        Assert.Equal("https://e2e.example", home.Clinic.Website);
        Assert.Equal(["Bella", "Rex"], home.Pets.Select(p => p.Name));
        Assert.Equal([WebsiteWidget.OnlineBooking, WebsiteWidget.Chat], home.Widgets);
        Assert.Equal("Refill", Assert.Single(home.ActiveConversations).Subject);
        Assert.Equal(["exam", "exam-at-horizon"], home.UpcomingAppointments.Select(a => a.Id));
        Assert.Equal("Rex", home.UpcomingAppointments[0].PetName);
        Assert.True(home.ServicesDueShown);
        Assert.Equal(["due-today", "due-six-months"], home.ServicesDue.Select(s => s.Id));
        Assert.Equal([Date(today), Date(today.AddMonths(6))], home.ServicesDue.Select(s => s.DueDate));
    }

    [Theory]
    [InlineData(AdminPimsKind.Cornerstone, true)]
    [InlineData(AdminPimsKind.CornerstoneCloud, false)]
    [InlineData(AdminPimsKind.Avimark, true)]
    [InlineData(AdminPimsKind.Impromed, true)]
    [InlineData(AdminPimsKind.Ezyvet, false)]
    [InlineData(AdminPimsKind.Pulse, true)]
    [InlineData(AdminPimsKind.Other, false)]
    public async Task GetHome_OverRealGrpc_ServicesDueOnlyForAPimsThatFeedsThem(AdminPimsKind pims, bool shown)
    {
        var now = NextAskingInstant();
        var clinic = "e2e-pims-" + pims.ToString().ToLowerInvariant();
        await OnboardAsync(clinic, pims, withAdministrator: false);
        await ImportAsync(clinic, Client("C1", $"ann@{clinic}.example"), Patient("P1", "C1", "Rex"),
            Reminder("s1", "P1", DateOnly.FromDateTime(now.UtcDateTime).AddDays(10)), Visit("a1", "P1", now.AddDays(2), "Exam"));
        var owner = await SignInOwnerAsync(clinic, $"ann@{clinic}.example");
        server.Time.SetUtcNow(now);

        var home = await CallAsync<GetHomeRequest, GetHomeResponse>("vetactors.portal.v1.Portal", "GetHome", new GetHomeRequest(), owner);

        Assert.Equal(shown, home.ServicesDueShown);
        Assert.Equal(shown ? ["s1"] : [], home.ServicesDue.Select(s => s.Id));
        Assert.Equal(["Rex"], home.Pets.Select(p => p.Name));
        Assert.Equal(["a1"], home.UpcomingAppointments.Select(a => a.Id));
    }

    [Fact]
    public async Task ListPetAppointments_OverRealGrpc_OwnPetWithinTheHorizonAndAnotherClientsPetNotFound()
    {
        var now = NextAskingInstant();
        const string clinic = "e2e-appts";
        await OnboardAsync(clinic, AdminPimsKind.Pulse, withAdministrator: false);
        await ImportAsync(clinic,
            Client("C1", "ann@e2e-appts.example"), Patient("P1", "C1", "Rex"), Client("C2", "bob@e2e-appts.example"), Patient("P9", "C2", "Other"),
            Visit("past", "P1", now.AddDays(-20), "Exam", "completed"), Visit("soon", "P1", now.AddDays(2), "Dental"),
            Visit("beyond-default-horizon", "P1", now.AddDays(181), "Exam"), Visit("theirs", "P9", now.AddDays(1), "Exam"));
        var owner = await SignInOwnerAsync(clinic, "ann@e2e-appts.example");
        server.Time.SetUtcNow(now);

        var mine = await ListAsync(PimsSyncKeys.PetIdFor("P1"), owner);
        var theirs = await Assert.ThrowsAsync<RpcException>(() => ListAsync(PimsSyncKeys.PetIdFor("P9"), owner));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => ListAsync("p-nobody", owner));
        var malformed = await Assert.ThrowsAsync<RpcException>(() => ListAsync("../p-P9", owner));

        Assert.Equal(["soon", "past"], mine.Appointments.Select(a => a.Id));
        Assert.Equal(StatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain("Other", theirs.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(unknown.StatusCode, theirs.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    /// <summary>The next 03:00 UTC at least two hours ahead; the clock is put an hour before it for the arranging.</summary>
    private DateTimeOffset NextAskingInstant()
    {
        var at = server.Time.GetUtcNow().AddHours(2);
        var next = new DateTimeOffset(at.Year, at.Month, at.Day, 3, 0, 0, TimeSpan.Zero);
        next = next < at ? next.AddDays(1) : next;
        server.Time.SetUtcNow(next.AddHours(-1));
        return next;
    }

    private async Task<string?> OnboardAsync(string clinic, AdminPimsKind pims, bool withAdministrator)
    {
        await CallAsync<CreateClinicRequest, Clinic>("vetactors.admin.v1.ClinicAdmin", "CreateClinic", new CreateClinicRequest
        {
            Clinic = new Clinic
            {
                ClinicId = clinic, Name = "E2E Clinic " + clinic, Address = "1 Main St, Springfield", Phone = "+1 555 010 0199", Website = "https://e2e.example",
                Hours = "Mon-Fri 8-18", TimeZone = "America/Chicago", SmsNumber = "+1 555 010 0100", PimsKind = pims, PracticeId = "P-" + clinic,
            },
            PracticePassword = ClinicWorld.PracticePassword,
        }, ApiTestHost.InternalServiceKey);
        if (!withAdministrator)
        {
            return null;
        }

        var email = $"admin@{clinic}.example";
        await CallAsync<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>("vetactors.admin.v1.ClinicAdmin", "InviteSiteAdministrator",
            new InviteSiteAdministratorRequest { ClinicId = clinic, Username = "admin", Name = "Ada Admin", Email = email }, ApiTestHost.InternalServiceKey);
        await CallAsync<AcceptInvitationRequest, AcceptInvitationResponse>("vetactors.identity.v1.SignIn", "AcceptInvitation",
            new AcceptInvitationRequest { Token = await server.AwaitMailAsync(email, RawGrpcCalls.InvitationToken()), Password = Password }, null);
        var practice = await CallAsync<PracticeLoginRequest, PracticeLoginResponse>("vetactors.identity.v1.SignIn", "PracticeLogin",
            new PracticeLoginRequest { PracticeId = "P-" + clinic, PracticePassword = ClinicWorld.PracticePassword }, null);
        return (await CallAsync<UserLoginRequest, UserLoginResponse>("vetactors.identity.v1.SignIn", "UserLogin",
            new UserLoginRequest { Username = "admin", Password = Password }, practice.Session.Token)).Session.Token;
    }

    private async Task<string> SignInOwnerAsync(string clinic, string email)
    {
        await CallAsync<RequestClientCodeRequest, RequestClientCodeResponse>("vetactors.identity.v1.SignIn", "RequestClientCode",
            new RequestClientCodeRequest { ClinicId = clinic, EmailOrMobile = email }, null);
        var code = await server.AwaitMailAsync(email, SignInCode());
        return (await CallAsync<VerifyClientCodeRequest, VerifyClientCodeResponse>("vetactors.identity.v1.SignIn", "VerifyClientCode",
            new VerifyClientCodeRequest { ClinicId = clinic, EmailOrMobile = email, Code = code }, null)).Session.Token;
    }

    private Task<UpdateClinicSettingsResponse> UpdateSettingsAsync(string? adminToken, int horizonDays) =>
        CallAsync<UpdateClinicSettingsRequest, UpdateClinicSettingsResponse>("vetactors.portal.v1.PortalSettings", "UpdateClinicSettings",
            new UpdateClinicSettingsRequest
            {
                Settings = new ClinicSettings
                {
                    Appointments = new AppointmentVisibility { AllKinds = false, Kinds = { "Exam" }, HorizonDays = horizonDays },
                    Widgets = { WebsiteWidget.Chat, WebsiteWidget.OnlineBooking },
                    ServiceRemindersEnabled = true,
                },
            },
            adminToken);

    private Task<ListPetAppointmentsResponse> ListAsync(string petId, string owner) =>
        CallAsync<ListPetAppointmentsRequest, ListPetAppointmentsResponse>(
            "vetactors.portal.v1.Portal", "ListPetAppointments", new ListPetAppointmentsRequest { PetId = petId }, owner);

    private async Task ImportAsync(string clinic, params PimsRecord[] records)
    {
        var sync = server.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(clinic));
        var session = await sync.ConnectAsync(new AgentHello("agent-1", "PIMS", "1", 0, true, records.Length));
        var ack = await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, records, EndOfImport: true));
        Assert.Empty(ack.Rejected);
        Assert.Empty(ack.Held);
    }

    private static PimsRecord Client(string id, string email) => new(PimsRecordKind.Client, id, 1)
    {
        Client = new PimsClientData("Ann", "Lee " + id, new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"), [], email),
    };

    private static PimsRecord Patient(string id, string clientId, string name) => new(PimsRecordKind.Patient, id, 1)
    {
        Patient = new PimsPatientData(clientId, name, "canine", "Beagle", "MN", new DateOnly(2020, 3, 1), 12.5m, "kg", new DateOnly(2026, 1, 1), "tan", null, false, null),
    };

    private static PimsRecord Reminder(string id, string patientId, DateOnly due, bool completed = false) =>
        new(PimsRecordKind.ServiceReminder, id, 1) { ServiceReminder = new PimsServiceReminderData(patientId, "Rabies booster", due, completed) };

    private static PimsRecord Visit(string id, string patientId, DateTimeOffset start, string type, string status = "booked") =>
        new(PimsRecordKind.Appointment, id, 1) { Appointment = new PimsAppointmentData(patientId, start, 30, type, status, "Dr. Rivera") };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string service, string method, TRequest request, string? token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        return await RawGrpcCalls.UnaryAsync<TRequest, TResponse>(_channel, service, method, request, token);
    }



    [GeneratedRegex(@"(?<=code is )\d{6}")]
    private static partial Regex SignInCode();
}
