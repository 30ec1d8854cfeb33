using VetActors.Grains.Audit;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>Every staff decision on the integration leaves an entry in the clinic's audit log: who, what, on what, and the change.</summary>
public sealed class StaffActionAuditTests : IAsyncLifetime
{
    private const string Staff = "staff-7";
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() => await AuditLog.For(_c.Cluster.GrainFactory, SyncCluster.ClinicId).ReadAsync(0, 500);

    private async Task<AuditEntry> SingleAsync(string action) => Assert.Single(await AuditAsync(), e => e.Action == action);

    [Fact]
    public async Task Approve_ClientNameChange_AuditedWithStaffItemAndChange()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Client("c1", 2, last: "Leigh"));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.ApproveAsync(item.Id, Staff, null);

        var entry = await SingleAsync("sync.review_approved");
        Assert.Equal(("staff:" + Staff, "review/" + item.Id, "approved"), (entry.Actor, entry.Target, entry.After));
        Assert.Contains("client name", entry.Before, StringComparison.Ordinal);
        Assert.Contains("Leigh", entry.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_PetNameChange_AuditsTheApprovalAndTheRenameWithBothNames()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", name: "Rex"), Prescription("rx1", "p1"));
        await _c.SendAsync(Patient("p1", "c1", 2, name: "Max"));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.ApproveAsync(item.Id, Staff, null);

        var approval = await SingleAsync("sync.review_approved");
        Assert.Contains("Rex -> Max", approval.Before, StringComparison.Ordinal);
        var rename = await SingleAsync("pet.renamed");
        Assert.Equal(("staff:" + Staff, "pet/" + PimsSyncKeys.PetIdFor("p1"), "Rex"), (rename.Actor, rename.Target, rename.Before));
        Assert.StartsWith("Max;", rename.After, StringComparison.Ordinal);
        Assert.Contains("approved by staff", rename.After, StringComparison.Ordinal);
        Assert.Contains("rx1", rename.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismiss_WithNote_AuditedWithTheNote()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Client("c1", 2, phones: ["5559990000"]));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.DismissAsync(item.Id, Staff, "typo at the front desk");

        var entry = await SingleAsync("sync.review_dismissed");
        Assert.Equal(("staff:" + Staff, "review/" + item.Id, "dismissed: typo at the front desk"), (entry.Actor, entry.Target, entry.After));
        Assert.Contains("client phone", entry.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ItemAlreadyResolved_RefusedAndAuditedOnce()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Client("c1", 2, last: "Leigh"));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));
        await _c.Sync.ApproveAsync(item.Id, Staff, null);

        await Assert.ThrowsAsync<RuleViolation>(() => _c.Sync.ApproveAsync(item.Id, "staff-8", null));

        Assert.Single(await AuditAsync(), e => e.Action.StartsWith("sync.review_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_AmbiguousMatch_AuditSaysWhichClientWasChosen()
    {
        await _c.Client("web-1").CreateAsync(new ClientDetails("Ann", "Lee", null, [], "ann@example.com"), "portal");
        await _c.Client("web-2").CreateAsync(new ClientDetails("Ann", "Lee", null, ["5550102030"], null), "portal");
        await _c.ImportAsync(Client("c1", email: "ann@example.com", phones: ["5550102030"]));
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.ApproveAsync(item.Id, Staff, "web-2");

        var entry = await SingleAsync("sync.review_approved");
        Assert.Equal("approved: merged into client web-2", entry.After);
        Assert.Contains("web-1, web-2", entry.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndoMerge_AuditedWithTheMergeAndTheSplitClient()
    {
        await _c.Client("web-1").CreateAsync(new ClientDetails("Ann", "Lee", null, [], "ann@example.com"), "portal");
        await _c.ImportAsync(Client("c1", email: "ann@example.com"), Patient("p1", "c1"));
        var merge = Assert.Single(await _c.Sync.GetMergesAsync());

        await _c.Sync.UndoMergeAsync(merge.MergeId, Staff);

        var entry = await SingleAsync("sync.merge_undone");
        Assert.Equal(("staff:" + Staff, "merge/" + merge.MergeId), (entry.Actor, entry.Target));
        Assert.Equal("PIMS client c1 merged into client web-1 (matched on email)", entry.Before);
        Assert.Equal($"split off as client {PimsSyncKeys.ClientIdFor("c1")} with pets {PimsSyncKeys.PetIdFor("p1")}", entry.After);
    }

    [Fact]
    public async Task RenamePet_ByStaff_AuditedWithOldAndNewNameReasonMicrochipAndFlaggedPrescriptions()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", name: "Rex"), Prescription("rx1", "p1"), Prescription("rx2", "p1", status: "completed"));

        await _c.PimsPet("p1").RenameAsync("Rexy", "Owner asked at check-in", Staff);

        var entry = await SingleAsync("pet.renamed");
        Assert.Equal(("staff:" + Staff, "pet/" + PimsSyncKeys.PetIdFor("p1"), "Rex"), (entry.Actor, entry.Target, entry.Before));
        Assert.Equal("Rexy; reason: Owner asked at check-in; microchip: 985000000000001; prescriptions to re-write: rx1", entry.After);
    }

    [Fact]
    public async Task RenamePet_Refused_NothingAudited()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", name: "Rex"));

        await Assert.ThrowsAsync<RuleViolation>(() => _c.PimsPet("p1").RenameAsync("Rex", "no change", Staff));

        Assert.DoesNotContain(await AuditAsync(), e => e.Action == "pet.renamed");
    }

    [Fact]
    public async Task SetPolicy_AuditedWithOldAndNewPolicy_AndTheRenamesItAppliesAuditedAsTheSync()
    {
        await _c.ImportAsync(Client("c1"), Patient("p1", "c1", name: "Rex"));

        await _c.Sync.SetPolicyAsync(SyncPolicy.Default with { AutoApplyPetName = true }, Staff);
        await _c.SendAsync(Patient("p1", "c1", 2, name: "Max"));

        var policy = await SingleAsync("sync.policy_changed");
        Assert.Equal(("staff:" + Staff, "sync/policy"), (policy.Actor, policy.Target));
        Assert.Contains("pet name=off", policy.Before, StringComparison.Ordinal);
        Assert.Contains("pet name=on", policy.After, StringComparison.Ordinal);
        var rename = await SingleAsync("pet.renamed");
        Assert.Equal((AuditActors.PimsSync, "Rex"), (rename.Actor, rename.Before));
        Assert.StartsWith("Max;", rename.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStaleAfter_AuditedWithOldAndNewTime()
    {
        await _c.Sync.SetStaleAfterAsync(TimeSpan.FromMinutes(30), Staff);
        await _c.Sync.SetStaleAfterAsync(null, Staff);

        var entries = (await AuditAsync()).Where(e => e.Action == "sync.stale_after_changed").ToArray();
        Assert.Equal([("15 min (default)", "30 min"), ("30 min", "15 min (default)")], entries.Select(e => (e.Before, e.After)));
        Assert.All(entries, e => Assert.Equal(("staff:" + Staff, "sync/stale_after"), (e.Actor, e.Target)));
    }

    [Fact]
    public async Task RequestResync_AuditedWithTheStaffMember()
    {
        await _c.ImportAsync(Client("c1"));

        await _c.Sync.RequestResyncAsync(Staff);

        var entry = await SingleAsync("sync.resync_requested");
        Assert.Equal(("staff:" + Staff, "sync"), (entry.Actor, entry.Target));
        Assert.Null(entry.Before);
        Assert.StartsWith("full re-send requested", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestResync_WithoutStaffUser_RefusedAndNotAudited()
    {
        await Assert.ThrowsAsync<ValidationException>(() => _c.Sync.RequestResyncAsync(" "));

        Assert.Empty(await AuditAsync());
    }
}
