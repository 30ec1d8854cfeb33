using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Clients;

public sealed class PortalHomeTests : IAsyncLifetime
{
    // 03:00 UTC on 10 March is still 9 March in Chicago (CDT, UTC-5): "today" is the clinic's 9 March.
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly ClinicToday = new(2026, 3, 9);
    private readonly PortalCluster _c = new(Now);

    public async Task InitializeAsync()
    {
        await _c.InitializeAsync();
        await _c.CreateClinicAsync("1", PimsKind.Avimark);
    }

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task Home_ServicesDue_FromTheClinicsTodayToSixMonthsBothIncluded()
    {
        await _c.ImportAsync("1",
            Client("c1"), Patient("p1", "c1", name: "Rex"),
            Reminder("today", "p1", ClinicToday),
            Reminder("six-months", "p1", ClinicToday.AddMonths(6)),
            Reminder("day-after", "p1", ClinicToday.AddMonths(6).AddDays(1)),
            Reminder("overdue", "p1", ClinicToday.AddDays(-1)),
            Reminder("completed", "p1", ClinicToday.AddDays(20), completed: true));

        var home = await _c.PimsClient("1", "c1").GetPortalHomeAsync();

        Assert.Equal(["today", "six-months"], home.Pets.Single().ServicesDue.Select(s => s.PimsId));
    }

    [Theory]
    [InlineData(PimsKind.Cornerstone, true)]
    [InlineData(PimsKind.CornerstoneCloud, false)]
    [InlineData(PimsKind.Avimark, true)]
    [InlineData(PimsKind.ImproMed, true)]
    [InlineData(PimsKind.EzyVet, false)]
    [InlineData(PimsKind.Pulse, true)]
    [InlineData(PimsKind.Other, false)]
    public async Task Home_ServicesDue_OnlyWhenThePimsFeedsThem(PimsKind pims, bool shown)
    {
        await _c.CreateClinicAsync("k", pims);
        await _c.ImportAsync("k", Client("c1"), Patient("p1", "c1"), Reminder("s1", "p1", ClinicToday.AddDays(10)));

        var home = await _c.PimsClient("k", "c1").GetPortalHomeAsync();

        Assert.Equal(shown, home.Clinic.ServicesDueShown);
        Assert.Equal(shown ? 1 : 0, home.Pets.Single().ServicesDue.Count);
    }

    [Fact]
    public async Task Home_RemindersTurnedOff_OmitsServicesDue()
    {
        await _c.ImportAsync("1", Client("c1"), Patient("p1", "c1"), Reminder("s1", "p1", ClinicToday.AddDays(10)));
        await _c.Settings("1").UpdateAsync(ClinicSettings.Default with { ServiceRemindersEnabled = false }, "u-1");

        var home = await _c.PimsClient("1", "c1").GetPortalHomeAsync();

        Assert.False(home.Clinic.ServicesDueShown);
        Assert.Empty(home.Pets.Single().ServicesDue);
    }

    [Fact]
    public async Task Home_SettingsChanged_ReachesASignedInOwnerOnceTheCachedViewIsTenSecondsOld()
    {
        await _c.ImportAsync("1", Client("c1"), Patient("p1", "c1"), Reminder("s1", "p1", ClinicToday.AddDays(10)));
        var client = _c.PimsClient("1", "c1");
        Assert.True((await client.GetPortalHomeAsync()).Clinic.ServicesDueShown);

        await _c.Settings("1").UpdateAsync(ClinicSettings.Default with { ServiceRemindersEnabled = false }, "u-1");
        var meanwhile = await client.GetPortalHomeAsync();
        _c.Time.Advance(TimeSpan.FromSeconds(10));
        var after = await client.GetPortalHomeAsync();

        Assert.True(meanwhile.Clinic.ServicesDueShown);
        Assert.False(after.Clinic.ServicesDueShown);
        Assert.Empty(after.Pets.Single().ServicesDue);
    }

    [Fact]
    public async Task Home_UpcomingAppointments_VisibleKindsWithinTheHorizonFromNow()
    {
        await _c.ImportAsync("1",
            Client("c1"), Patient("p1", "c1"),
            Visit("exam-soon", "p1", Now.AddDays(3), "Exam"),
            Visit("exam-horizon", "p1", Now.AddDays(30), "exam "),
            Visit("exam-beyond", "p1", Now.AddDays(30).AddMinutes(1), "Exam"),
            Visit("exam-past", "p1", Now.AddMinutes(-1), "Exam"),
            Visit("exam-cancelled", "p1", Now.AddDays(4), "Exam", "cancelled"),
            Visit("surgery", "p1", Now.AddDays(5), "Surgery"));
        await _c.Settings("1").UpdateAsync(new ClinicSettings(new AppointmentVisibility(false, ["Exam"], 30), [], true), "u-1");

        var home = await _c.PimsClient("1", "c1").GetPortalHomeAsync();

        Assert.Equal(["exam-soon", "exam-horizon"], home.Pets.Single().UpcomingAppointments.Select(a => a.PimsId));
    }

    [Fact]
    public async Task Home_AsTheClockMoves_AnAppointmentEntersTheHorizonThenLeavesOnceItStarts()
    {
        await _c.ImportAsync("1", Client("c1"), Patient("p1", "c1"), Visit("later", "p1", Now.AddDays(31), "Exam"));
        await _c.Settings("1").UpdateAsync(new ClinicSettings(new AppointmentVisibility(true, [], 30), [], true), "u-1");
        var client = _c.PimsClient("1", "c1");

        var before = await client.GetPortalHomeAsync();
        _c.Time.Advance(TimeSpan.FromDays(1));
        var within = await client.GetPortalHomeAsync();
        _c.Time.Advance(TimeSpan.FromDays(30).Add(TimeSpan.FromMinutes(1)));
        var started = await client.GetPortalHomeAsync();

        Assert.Empty(before.Pets.Single().UpcomingAppointments);
        Assert.Equal("later", Assert.Single(within.Pets.Single().UpcomingAppointments).PimsId);
        Assert.Empty(started.Pets.Single().UpcomingAppointments);
    }

    [Fact]
    public async Task Home_NewRecordsFromThePims_ShowAtOnceAtTheSameInstant()
    {
        await _c.ImportAsync("1", Client("c1"), Patient("p1", "c1"));
        var client = _c.PimsClient("1", "c1");
        Assert.Empty((await client.GetPortalHomeAsync()).Pets.Single().ServicesDue);

        await Send("1", Reminder("s1", "p1", ClinicToday.AddDays(3)), Visit("v1", "p1", Now.AddDays(2), "Exam"));
        var home = await client.GetPortalHomeAsync();

        Assert.Equal("s1", Assert.Single(home.Pets.Single().ServicesDue).PimsId);
        Assert.Equal("v1", Assert.Single(home.Pets.Single().UpcomingAppointments).PimsId);
    }

    [Fact]
    public async Task Home_EveryPetOfTheClient_DeletedOnesLeftOut()
    {
        await _c.ImportAsync("1",
            Client("c1"), Patient("p1", "c1", name: "Rex"), Patient("p2", "c1", name: "Bella"), Patient("p3", "c1", name: "Gone"),
            Client("c2"), Patient("p9", "c2", name: "Other"));
        await Send("1", Deletion("d1", PimsRecordKind.Patient, "p3", 2));

        var home = await _c.PimsClient("1", "c1").GetPortalHomeAsync();

        Assert.Equal(["Bella", "Rex"], home.Pets.Select(p => p.Signalment.Name).Order());
    }

    [Fact]
    public async Task Home_ShowsTheActiveConversationAndTheClinic()
    {
        await _c.ImportAsync("1", Client("c1"), Patient("p1", "c1"));
        var clientId = PimsSyncKeys.ClientIdFor("c1");
        await _c.Grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations("1", clientId))
            .StartAsync(new ConversationRequest("Refill", "Tablets please", []));

        var home = await _c.PimsClient("1", "c1").GetPortalHomeAsync();

        Assert.Equal("Refill", home.ActiveConversation!.Subject);
        Assert.Equal("Riverside 1", home.Clinic.Profile.Name);
        Assert.Equal("Mon-Fri 8-18", home.Clinic.Profile.Hours);
    }

    [Fact]
    public async Task Home_DeceasedPet_HasNoUpcomingAppointmentsOrServices()
    {
        await _c.ImportAsync("1",
            Client("c1"), Patient("p1", "c1", deceased: true),
            Visit("soon", "p1", Now.AddDays(3), "Exam"), Reminder("s1", "p1", ClinicToday.AddDays(3)));

        var pet = (await _c.PimsClient("1", "c1").GetPortalHomeAsync()).Pets.Single();

        Assert.True(pet.Signalment.Deceased);
        Assert.Empty(pet.UpcomingAppointments);
        Assert.Empty(pet.ServicesDue);
    }

    [Fact]
    public async Task PetAppointments_PastAndUpToTheHorizonOfVisibleKinds_LatestFirst()
    {
        await _c.ImportAsync("1",
            Client("c1"), Patient("p1", "c1"),
            Visit("old", "p1", Now.AddDays(-40), "Exam", "completed"),
            Visit("soon", "p1", Now.AddDays(3), "Exam"),
            Visit("beyond", "p1", Now.AddDays(31), "Exam"),
            Visit("surgery", "p1", Now.AddDays(-2), "Surgery", "completed"));
        await _c.Settings("1").UpdateAsync(new ClinicSettings(new AppointmentVisibility(false, ["exam"], 30), [], true), "u-1");

        var appointments = await _c.PimsClient("1", "c1").GetPetAppointmentsAsync(PimsSyncKeys.PetIdFor("p1"));

        Assert.Equal(["soon", "old"], appointments.Select(a => a.PimsId));
    }

    [Fact]
    public async Task PetAppointments_OfAnotherClientsPet_IsNotFoundLikeAnUnknownPet()
    {
        await _c.ImportAsync("1", Client("c1"), Patient("p1", "c1"), Client("c2"), Patient("p2", "c2"), Visit("a", "p2", Now.AddDays(1), "Exam"));
        var client = _c.PimsClient("1", "c1");

        var other = await Assert.ThrowsAsync<NotFoundException>(() => client.GetPetAppointmentsAsync(PimsSyncKeys.PetIdFor("p2")));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => client.GetPetAppointmentsAsync("nobody"));

        Assert.Equal($"Pet {PimsSyncKeys.PetIdFor("p2")} does not exist.", other.Message);
        Assert.Equal(unknown.Code, other.Code);
    }

    private static PimsRecord Visit(string id, string patientId, DateTimeOffset start, string type, string status = "booked") =>
        new(PimsRecordKind.Appointment, id, 1) { Appointment = new PimsAppointmentData(patientId, start, 30, type, status, "Dr. Vet") };

    private async Task Send(string clinicId, params PimsRecord[] records)
    {
        var sync = _c.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(clinicId));
        var session = await sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 1, false, null));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(session.LastAppliedSequence + 1, records));
    }
}
