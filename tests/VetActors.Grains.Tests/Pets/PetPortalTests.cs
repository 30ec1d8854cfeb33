using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Pets;

/// <summary>
/// The owner's view of a pet, on a clinic in America/Chicago with the clock at 2026-05-01 02:00 UTC: the clinic's
/// today is still 30 April.
/// </summary>
public sealed class PetPortalTests : IAsyncLifetime
{
    private static readonly DateOnly ClinicToday = new(2026, 4, 30);
    private readonly SyncCluster _c = new();

    private string Owner => PimsSyncKeys.ClientIdFor("c1");

    private IPetGrain Rex => _c.PimsPet("p1");

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        _c.Time.SetUtcNow(new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero));
        await CreateClinicAsync(PimsKind.Avimark);
        await _c.ImportAsync(Client("c1"), Client("c2", first: "Bo", last: "Ng"), Patient("p1", "c1", birth: new DateOnly(2024, 5, 1)), Patient("p2", "c2", name: "Max"));
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task GetForOwner_Owner_GetsSignalmentWithAgeAsOfClinicToday()
    {
        var view = await Rex.GetForOwnerAsync(Owner);

        // Born 1 May 2024: still 1 year 11 months on the clinic's 30 April, though UTC's date is already 1 May.
        Assert.Equal(new PetAge(1, 11), view.Age);
        Assert.Equal(("Rex", "Beagle", 12.5m), (view.Signalment.Name, view.Signalment.Breed, view.Signalment.Weight!.Value));
        Assert.Null(view.Photo);
    }

    [Fact]
    public async Task OwnerMethods_AnotherClient_AreNotFoundLikeAMissingPet()
    {
        var other = PimsSyncKeys.ClientIdFor("c2");
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _c.PimsPet("nobody").GetForOwnerAsync(other));

        var refusals = new Func<Task>[]
        {
            () => Rex.GetForOwnerAsync(other),
            () => Rex.GetIdCardAsync(other),
            () => Rex.GetDueServicesForOwnerAsync(other),
            () => Rex.GetPhotoAsync(other),
            () => Rex.SetPhotoAsync(other, new PetPhotoUpload("x.png", TestImages.Png())),
            () => Rex.GetForOwnerAsync(""),
        };

        foreach (var refusal in refusals)
        {
            var refused = await Assert.ThrowsAsync<NotFoundException>(refusal);
            Assert.Equal((missing.Code, $"Pet {PimsSyncKeys.PetIdFor("p1")} does not exist."), (refused.Code, refused.Message));
        }

        Assert.Null(await Rex.FindForOwnerAsync(other));
        Assert.Null((await Rex.GetForOwnerAsync(Owner)).Photo);
    }

    [Fact]
    public async Task GetPortalPets_MovedAndDeletedPetsAndUnknownClients_AreLeftOut()
    {
        await _c.SendAsync(Patient("p3", "c1", name: "Bella"), Patient("p4", "c1", name: "Zed"));
        await _c.SendAsync(Deletion("d1", PimsRecordKind.Patient, "p4", 2, "p4"));
        await Rex.MoveToOwnerAsync(PimsSyncKeys.ClientIdFor("c2"));

        var pets = await _c.PimsClient("c1").GetPortalPetsAsync();

        Assert.Equal(["Bella"], pets.Select(p => p.Signalment.Name));
        Assert.Empty(await _c.Client("never-imported").GetPortalPetsAsync());
    }

    [Fact]
    public async Task GetDueServicesForOwner_WindowEdges_CountFromClinicToday()
    {
        await _c.SendAsync(
            Reminder("overdue", "p1", ClinicToday.AddDays(-1)),
            Reminder("today", "p1", ClinicToday),
            Reminder("six-months", "p1", new DateOnly(2026, 10, 30)),
            Reminder("one-day-after", "p1", new DateOnly(2026, 10, 31)),
            Reminder("completed", "p1", ClinicToday.AddDays(3), completed: true));

        var due = await Rex.GetDueServicesForOwnerAsync(Owner);

        Assert.Equal([("overdue", true), ("today", false), ("six-months", false)], due.Select(d => (d.PimsId, d.Overdue)));
    }

    [Fact]
    public async Task GetDueServicesForOwner_DeceasedPet_HasNone()
    {
        await _c.SendAsync(Reminder("today", "p1", ClinicToday), Patient("p1", "c1", 2, deceased: true));

        Assert.Empty(await Rex.GetDueServicesForOwnerAsync(Owner));
    }

    [Fact]
    public async Task GetIdCard_Vaccines_CurrentThroughTheirExpiryDayOnly()
    {
        await _c.SendAsync(
            Vaccine("expired-yesterday", ClinicToday.AddDays(-1)),
            Vaccine("expires-today", ClinicToday),
            Vaccine("no-expiry", null),
            Vaccine("next-year", ClinicToday.AddYears(1)));

        var card = await Rex.GetIdCardAsync(Owner);

        Assert.Equal(["expires-today", "next-year", "no-expiry"], card.CurrentVaccines.Select(v => v.PimsId).Order(StringComparer.Ordinal));
        Assert.Equal((ClinicToday, "Riverside"), (card.IssuedOn, card.ClinicName));
    }

    [Theory]
    [InlineData(PimsKind.Cornerstone, true, true)]
    [InlineData(PimsKind.CornerstoneCloud, false, false)]
    [InlineData(PimsKind.Avimark, true, true)]
    [InlineData(PimsKind.ImproMed, true, true)]
    [InlineData(PimsKind.EzyVet, true, false)]
    [InlineData(PimsKind.Pulse, true, true)]
    [InlineData(PimsKind.Other, false, false)]
    public async Task IdCardAndDueServices_PerPims_RefusedWithRuleViolationWhereUnsupported(PimsKind pims, bool card, bool reminders)
    {
        await using var cluster = new SyncCluster();
        await cluster.InitializeAsync();
        await cluster.Cluster.GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(SyncCluster.ClinicId)).CreateAsync(new NewClinic(Profile(pims), "front desk password 1"));
        await cluster.ImportAsync(Client("c1"), Patient("p1", "c1"));
        var pet = cluster.PimsPet("p1");

        var cardRefusal = await Record.ExceptionAsync(() => pet.GetIdCardAsync(Owner));
        var remindersRefusal = await Record.ExceptionAsync(() => pet.GetDueServicesForOwnerAsync(Owner));

        Assert.Equal(card, cardRefusal is null);
        Assert.Equal(reminders, remindersRefusal is null);
        Assert.All(new[] { cardRefusal, remindersRefusal }.OfType<Exception>(), e => Assert.Equal("pims.feature_unavailable", Assert.IsType<RuleViolation>(e).Code));
    }

    [Fact]
    public async Task SetPhoto_Png_StoredInThePhotoGrainAndDescribedOnThePet()
    {
        var png = TestImages.Png(8, 6);

        var info = await Rex.SetPhotoAsync(Owner, new PetPhotoUpload("rex.png", png));
        var photo = await Rex.GetPhotoAsync(Owner);

        Assert.Equal(new PetPhotoInfo("image/png", png.Length, 8, 6, _c.Time.GetUtcNow()), info);
        Assert.Equal(info, photo.Info);
        Assert.Equal(png, photo.Content.ToArray());
        Assert.Equal(info, (await Rex.GetForOwnerAsync(Owner)).Photo);
        Assert.Equal(png, (await _c.Cluster.GrainFactory.GetGrain<IPetPhotoGrain>(GrainKeys.Pet(SyncCluster.ClinicId, PimsSyncKeys.PetIdFor("p1")) + "/photo").GetAsync())!.Content.ToArray());
    }

    [Fact]
    public async Task SetPhoto_NotAnImage_RefusedAndNothingStored()
    {
        await Assert.ThrowsAsync<ValidationException>(() => Rex.SetPhotoAsync(Owner, new PetPhotoUpload("rex.png", "not a png"u8.ToArray())));

        Assert.Null((await Rex.GetForOwnerAsync(Owner)).Photo);
        Assert.Null(await _c.Cluster.GrainFactory.GetGrain<IPetPhotoGrain>(GrainKeys.Pet(SyncCluster.ClinicId, PimsSyncKeys.PetIdFor("p1")) + "/photo").GetAsync());
        Assert.Equal("pet.no_photo", (await Assert.ThrowsAsync<NotFoundException>(() => Rex.GetPhotoAsync(Owner))).Code);
    }

    private Task CreateClinicAsync(PimsKind pims) =>
        _c.Cluster.GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(SyncCluster.ClinicId)).CreateAsync(new NewClinic(Profile(pims), "front desk password 1"));

    private static ClinicProfile Profile(PimsKind pims) => new(
        SyncCluster.ClinicId, "Riverside", "1 River Road", "+1 555 010 0199", "https://riverside.example", "Mon-Fri", "America/Chicago", "+1 555 010 0100",
        pims, "PRAC-42");

    private static PimsRecord Vaccine(string id, DateOnly? expires) =>
        new(PimsRecordKind.Vaccination, id, 1) { Vaccination = new PimsVaccinationData("p1", "Vaccine " + id, new DateOnly(2025, 1, 1), expires) };
}
