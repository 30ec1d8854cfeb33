using VetActors.Protos.Pims.V1;
using VetActors.Protos.Portal.V1;
using VetActors.Protos.StaffSync.V1;
using static VetActors.GrpcApi.Tests.Sync.SyncRecords;

namespace VetActors.GrpcApi.Tests.Sync;

public sealed partial class PimsSyncEndToEndTests
{
    [Fact]
    public async Task RenamePet_ByStaffWithReason_AuditedAndEveryActivePrescriptionFlagged()
    {
        var clinic = await OnboardAsync("sync-rename");
        await ImportAsync(clinic, [Client("c1"), Patient("p1", "c1"), Prescription("rx1", "p1"), Prescription("rx2", "p1", status: "completed"), Prescription("rx3", "p1")]);

        var renamed = await clinic.StaffAsync<RenamePetRequest, RenamePetResponse>(
            "RenamePet", new RenamePetRequest { PetId = "p-p1", NewName = "Rexford", Reason = "Owner's request at check-in" });

        Assert.Equal(("Rex", "Rexford", "rx1,rx3"), (renamed.OldName, renamed.NewName, string.Join(",", renamed.FlaggedPrescriptionIds.Order(StringComparer.Ordinal))));
        var rex = await clinic.PetRecordAsync("p-p1");
        Assert.Equal(("Rexford", "985-p1"), (rex.Pet.Name, rex.Pet.Microchip));
        var change = Assert.Single(rex.NameHistory);
        Assert.Equal(
            ("Rex", "Rexford", "Owner's request at check-in", clinic.StaffUserId, server.Time.GetUtcNow(), "985-p1"),
            (change.OldName, change.NewName, change.Reason, change.ChangedBy, change.ChangedAt.ToDateTimeOffset(), change.Microchip));
        Assert.Equal(
            [("rx1", true, "Rex"), ("rx2", false, "Rex"), ("rx3", true, "Rex")],
            rex.Prescriptions.Select(p => (p.PimsId, p.RewriteRequired, p.WrittenForName)));
        Assert.Equal(["Rexford"], (await clinic.ProfileAsync("p-c1")).Pets.Select(p => p.Name));
    }

    [Fact]
    public async Task Deceased_FromThePims_LeavesRemindersAndUpcomingServicesAndFlagsFutureAppointments()
    {
        var clinic = await OnboardAsync("sync-deceased");
        var now = server.Time.GetUtcNow();
        await ImportAsync(clinic,
        [
            Client("c1"), Patient("p1", "c1"), Appointment("a0", "p1", now.AddDays(-10), status: "completed"), Appointment("a1", "p1", now.AddDays(5)),
            Appointment("a2", "p1", now.AddDays(9), status: "cancelled"), Reminder("s1", "p1", "2026-07-01"),
        ]);
        var owner = await clinic.PortalSessionAsync("p-c1");
        Assert.Equal(["s1"], (await RemindersAsync(clinic, owner)).Select(r => r.ReminderId));
        var home = await clinic.CallAsync<GetHomeRequest, GetHomeResponse>("portal", "Portal", "GetHome", new GetHomeRequest(), owner);
        Assert.True(home.ServicesDueShown);
        Assert.Equal(["s1"], home.ServicesDue.Select(s => s.Id));

        await using (var agent = await clinic.ConnectAgentAsync(fullImport: false, lastAcknowledged: 1))
        {
            Assert.Equal(["p1"], (await agent.SendAsync(2, [Patient("p1", "c1", version: 2, deceased: true, deceasedDate: "2026-06-01")])).Applied.Select(o => o.RecordId));
        }

        Assert.Empty(await RemindersAsync(clinic, owner));
        Assert.Empty((await clinic.CallAsync<GetHomeRequest, GetHomeResponse>("portal", "Portal", "GetHome", new GetHomeRequest(), owner)).ServicesDue);
        var rex = await clinic.PetRecordAsync("p-p1");
        Assert.Equal((true, "2026-06-01"), (rex.Pet.Deceased, rex.Pet.DeceasedDate));
        // Only the appointment still to come needs a call; the past and cancelled ones are left as they are.
        Assert.Equal([("a2", ""), ("a1", "patient_deceased"), ("a0", "")], rex.Appointments.Select(a => (a.PimsId, a.StaffFlag)));
        Assert.Equal(["s1"], rex.Reminders.Select(r => r.PimsId));
        Assert.True((await clinic.ProfileAsync("p-c1")).Pets.Single().Deceased);
    }

    [Fact]
    public async Task OlderVersion_ArrivingAfterANewerOne_IgnoredWithAReason()
    {
        var clinic = await OnboardAsync("sync-versions");
        var now = server.Time.GetUtcNow();
        await ImportAsync(clinic, [Client("c1", version: 5), Patient("p1", "c1", version: 5), Appointment("a1", "p1", now.AddDays(5), version: 5), Prescription("rx1", "p1", version: 5)]);

        await using var agent = await clinic.ConnectAgentAsync(fullImport: false, lastAcknowledged: 1);
        var ack = await agent.SendAsync(2,
        [
            Client("c1", version: 3, last: "Leigh", email: "old@example.com"),
            Patient("p1", "c1", version: 4, name: "Old Rex", weight: 30, weightDate: "2026-05-20", deceased: true),
            Appointment("a1", "p1", now.AddDays(6), version: 4, status: "cancelled"),
            Prescription("rx1", "p1", status: "stopped", version: 1),
        ]);

        Assert.Equal(["a1", "c1", "p1", "rx1"], ack.Applied.Select(o => o.RecordId).Order(StringComparer.Ordinal));
        Assert.All(ack.Applied, o => Assert.Contains("older than the version held", o.Reason, StringComparison.Ordinal));
        Assert.Equal((0, 0), (ack.Held.Count, ack.Rejected.Count));
        Assert.Empty(await clinic.ReviewItemsAsync(includeResolved: true));
        var profile = await clinic.ProfileAsync("p-c1");
        Assert.Equal(("Lee", "ann.lee@example.com"), (profile.Client.LastName, profile.Client.Email));
        var rex = await clinic.PetRecordAsync("p-p1");
        Assert.Equal(("Rex", false, 5L), (rex.Pet.Name, rex.Pet.Deceased, rex.PimsVersion));
        Assert.Equal([(12.5, "2026-05-01")], rex.WeightHistory.Select(w => (w.Value, w.MeasuredOn)));
        Assert.Equal([("a1", "booked", now.AddDays(5), "")], rex.Appointments.Select(a => (a.PimsId, a.Status, a.Start.ToDateTimeOffset(), a.StaffFlag)));
        Assert.Equal([("rx1", "active")], rex.Prescriptions.Select(p => (p.PimsId, p.Status)));
    }

    [Fact]
    public async Task ResentBatch_AcknowledgedAgainAsReplayed_NothingAppliedTwice()
    {
        var clinic = await OnboardAsync("sync-resend");
        await ImportAsync(clinic, [Client("c1"), Patient("p1", "c1")]);
        var now = server.Time.GetUtcNow();
        var batch = new[]
        {
            Patient("p1", "c1", version: 2, weight: 13.2, weightDate: "2026-05-30"), Appointment("a1", "p1", now.AddDays(5)), Prescription("rx1", "p1"),
            Client("c1", version: 2, last: "Leigh"),
        };

        Ack first, again, afterReconnect;
        await using (var agent = await clinic.ConnectAgentAsync(fullImport: false, lastAcknowledged: 1))
        {
            first = await agent.SendAsync(2, batch);
            again = await agent.SendAsync(2, batch);
        }

        var status = await clinic.StatusAsync();
        // An agent that lost the ack in a disconnect sends the batch again on its next stream.
        await using (var agent = await clinic.ConnectAgentAsync(fullImport: false, lastAcknowledged: 1))
        {
            Assert.Equal(2, agent.Welcome.LastAppliedSequence);
            afterReconnect = await agent.SendAsync(2, batch);
        }

        Assert.False(first.Replayed);
        Assert.Equal((true, true), (again.Replayed, afterReconnect.Replayed));
        foreach (var ack in new[] { again, afterReconnect })
        {
            Assert.Equal(first.Applied.Select(o => o.RecordId).Order(StringComparer.Ordinal), ack.Applied.Select(o => o.RecordId).Order(StringComparer.Ordinal));
            Assert.Equal(first.Held, ack.Held);
            Assert.Empty(ack.Rejected);
        }

        Assert.Equal(["c1"], first.Held.Select(h => h.RecordId));
        var after = await clinic.StatusAsync();
        Assert.Equal((status.RecordsApplied, status.RecordsHeld, status.LastAppliedSequence), (after.RecordsApplied, after.RecordsHeld, after.LastAppliedSequence));
        Assert.Equal((5L, 1L, 2L), (after.RecordsApplied, after.RecordsHeld, after.LastAppliedSequence));
        Assert.Single(await clinic.ReviewItemsAsync(includeResolved: true));
        var rex = await clinic.PetRecordAsync("p-p1");
        Assert.Equal([(12.5, "2026-05-01"), (13.2, "2026-05-30")], rex.WeightHistory.Select(w => (w.Value, w.MeasuredOn)));
        Assert.Equal((1, 1), (rex.Appointments.Count, rex.Prescriptions.Count));
    }

    private static async Task<IReadOnlyList<PetReminder>> RemindersAsync(SyncServerClinic clinic, string owner) =>
        (await clinic.CallAsync<ListPetRemindersRequest, ListPetRemindersResponse>("portal", "Portal", "ListPetReminders", new ListPetRemindersRequest { PetId = "p-p1" }, owner))
            .Reminders;
}
