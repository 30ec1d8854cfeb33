using VetActors.Protos.StaffSync.V1;
using static VetActors.GrpcApi.Tests.Sync.SyncRecords;

namespace VetActors.GrpcApi.Tests.Sync;

public sealed partial class PimsSyncEndToEndTests
{
    [Fact]
    public async Task AfterImport_AutoAppliedChanges_AppliedWithoutReview()
    {
        var clinic = await OnboardAsync("sync-auto");
        await ImportAsync(clinic, [Client("c1"), Patient("p1", "c1")]);
        var now = server.Time.GetUtcNow();

        await using var agent = await clinic.ConnectAgentAsync(fullImport: false, lastAcknowledged: 1);
        var changes = await agent.SendAsync(2,
        [
            Client("c3", first: "Cara", last: "Diaz", email: "cara@example.com", phone: "5550107777"), Patient("p3", "c3", name: "Luna"),
            Patient("p1", "c1", version: 2, weight: 13.2, weightDate: "2026-05-30"),
            Client("c1", version: 2, email: "ann.new@example.com"),
            Appointment("a1", "p1", now.AddDays(3)), Reminder("s1", "p1", "2026-08-01"), Vaccination("v1", "p1", "2026-05-30", "2027-05-30"), Prescription("rx1", "p1"),
        ]);
        var deceased = await agent.SendAsync(3, [Patient("p1", "c1", version: 3, weight: 13.2, weightDate: "2026-05-30", deceased: true, deceasedDate: "2026-05-31")]);

        Assert.Equal(["a1", "c1", "c3", "p1", "p3", "rx1", "s1", "v1"], changes.Applied.Select(o => o.RecordId).Order(StringComparer.Ordinal));
        Assert.Equal((0, 0), (changes.Held.Count, changes.Rejected.Count));
        Assert.Equal(["p1"], deceased.Applied.Select(o => o.RecordId));
        Assert.Empty(await clinic.ReviewItemsAsync(includeResolved: true));

        Assert.Equal("ann.new@example.com", (await clinic.ProfileAsync("p-c1")).Client.Email);
        var newClient = await clinic.ProfileAsync("p-c3");
        Assert.Equal(("Cara", "Diaz", "cara@example.com"), (newClient.Client.FirstName, newClient.Client.LastName, newClient.Client.Email));
        Assert.Equal(["Luna"], newClient.Pets.Select(p => p.Name));
        var rex = await clinic.PetRecordAsync("p-p1");
        Assert.Equal([(12.5, "2026-05-01"), (13.2, "2026-05-30")], rex.WeightHistory.Select(w => (w.Value, w.MeasuredOn)));
        Assert.Equal((13.2, "2026-05-30", true, "2026-05-31"), (rex.Pet.Weight, rex.Pet.WeightDate, rex.Pet.Deceased, rex.Pet.DeceasedDate));
        Assert.Equal([("a1", "patient_deceased")], rex.Appointments.Select(a => (a.PimsId, a.StaffFlag)));
        Assert.Equal((1, 1, 1), (rex.Reminders.Count, rex.Vaccinations.Count, rex.Prescriptions.Count));
        Assert.Equal(3, rex.PimsVersion);
    }

    [Fact]
    public async Task AfterImport_HeldChanges_WaitForStaffWhoApproveOrDismissThem()
    {
        var clinic = await OnboardAsync("sync-held");
        await ImportAsync(clinic,
        [
            Client("c1"), Patient("p1", "c1"), Prescription("rx1", "p1"),
            Client("c2", first: "Bob", last: "Stone", email: "bob@example.com", phone: "5550109999"),
            Client("c3", first: "Cara", last: "Diaz", email: "cara@example.com", phone: "5550107777"),
        ]);

        await using var agent = await clinic.ConnectAgentAsync(fullImport: false, lastAcknowledged: 1);
        var ack = await agent.SendAsync(2,
        [
            Client("c1", version: 2, last: "Leigh"),
            Client("c2", version: 2, first: "Bob", last: "Stone", email: "bob@example.com", phone: "5550109999", line1: "9 Elm St"),
            Client("c3", version: 2, first: "Cara", last: "Diaz", email: "cara@example.com", phone: "5550108888"),
            Patient("p1", "c1", version: 2, name: "Rexy"),
        ]);

        Assert.Equal(["c1", "c2", "c3", "p1"], ack.Held.Select(h => h.RecordId).Order(StringComparer.Ordinal));
        Assert.All(ack.Held, h => Assert.Contains("held for review", h.Reason, StringComparison.Ordinal));
        var items = await clinic.ReviewItemsAsync();
        Assert.Equal(
            [
                (ReviewKind.ClientName, "p-c1", "Leigh"), (ReviewKind.ClientAddress, "p-c2", "9 Elm St"), (ReviewKind.ClientPhone, "p-c3", "5550108888"),
                (ReviewKind.PetName, "p-p1", "Rexy"),
            ],
            items.Select(i => (i.Kind, i.SubjectId, Proposed: Contained(i.Proposed, "Leigh", "9 Elm St", "5550108888", "Rexy"))).OrderBy(i => i.Kind));
        Assert.All(items, i => Assert.NotEmpty(i.RawRecord));
        // Held changes are not applied yet.
        Assert.Equal("Lee", (await clinic.ProfileAsync("p-c1")).Client.LastName);
        Assert.Equal("Rex", (await clinic.PetRecordAsync("p-p1")).Pet.Name);

        foreach (var item in items.Where(i => i.Kind is ReviewKind.ClientName or ReviewKind.PetName))
        {
            await clinic.StaffAsync<ApproveReviewItemRequest, ApproveReviewItemResponse>("ApproveReviewItem", new ApproveReviewItemRequest { ItemId = item.Id });
        }

        foreach (var item in items.Where(i => i.Kind is ReviewKind.ClientAddress or ReviewKind.ClientPhone))
        {
            await clinic.StaffAsync<DismissReviewItemRequest, DismissReviewItemResponse>("DismissReviewItem", new DismissReviewItemRequest { ItemId = item.Id, Note = "typo in the PIMS" });
        }

        Assert.Equal("Leigh", (await clinic.ProfileAsync("p-c1")).Client.LastName);
        Assert.Equal("1 Main St", (await clinic.ProfileAsync("p-c2")).Address.Line1);
        Assert.Equal(["5550107777"], (await clinic.ProfileAsync("p-c3")).Client.Phones);
        var rex = await clinic.PetRecordAsync("p-p1");
        Assert.Equal("Rexy", rex.Pet.Name);
        var rename = Assert.Single(rex.NameHistory);
        Assert.Equal(("Rex", "Rexy", clinic.StaffUserId, "rx1"), (rename.OldName, rename.NewName, rename.ChangedBy, string.Join(",", rename.FlaggedPrescriptionIds)));
        Assert.Empty(await clinic.ReviewItemsAsync());
        var resolved = await clinic.ReviewItemsAsync(includeResolved: true);
        Assert.Equal(
            [
                (ReviewKind.ClientName, ReviewStatus.Approved, clinic.StaffUserId, ""), (ReviewKind.ClientAddress, ReviewStatus.Dismissed, clinic.StaffUserId, "typo in the PIMS"),
                (ReviewKind.ClientPhone, ReviewStatus.Dismissed, clinic.StaffUserId, "typo in the PIMS"), (ReviewKind.PetName, ReviewStatus.Approved, clinic.StaffUserId, ""),
            ],
            resolved.Select(i => (i.Kind, i.Status, i.ResolvedBy, i.Note)).OrderBy(i => i.Kind));
        Assert.All(resolved, i => Assert.Equal(server.Time.GetUtcNow(), i.ResolvedAt.ToDateTimeOffset()));
    }

    /// <summary>Which of the expected values a review item's proposal names (proposals are rendered as text).</summary>
    private static string Contained(string proposed, params string[] candidates) =>
        candidates.SingleOrDefault(c => proposed.Contains(c, StringComparison.Ordinal)) ?? proposed;
}
