using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>A full import merges with clients of an earlier import, never two records of the same import.</summary>
public sealed class EarlierImportMergeTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    /// <summary>One full import sent as one batch per group of records, the last one ending it.</summary>
    private async Task FullImportAsync(params PimsRecord[][] batches)
    {
        var session = await _c.ConnectAsync();
        for (var i = 0; i < batches.Length; i++)
        {
            await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(session.LastAppliedSequence + 1 + i, batches[i], EndOfImport: i == batches.Length - 1));
        }
    }

    [Fact]
    public async Task Import_ClientOfAnEarlierImportUnderAnotherPimsId_MergedAndUndoable()
    {
        await FullImportAsync([Client("old-1", email: "ann@example.com"), Patient("old-p1", "old-1")]);

        await FullImportAsync([Client("new-1", email: "ann@example.com"), Patient("new-p1", "new-1", name: "Tom")]);

        var merge = Assert.Single(await _c.Sync.GetMergesAsync());
        Assert.Equal(("new-1", PimsSyncKeys.ClientIdFor("old-1"), "email"), (merge.PimsClientId, merge.ClientId, Assert.Single(merge.MatchedOn)));
        var merged = await _c.PimsClient("old-1").GetProfileAsync();
        Assert.Equal("new-1", merged.PimsId);
        Assert.Equal(2, merged.PetIds.Count);
        Assert.Single(await _c.Sync.FindClientsByContactAsync("ann@example.com"));

        var undone = await _c.Sync.UndoMergeAsync(merge.MergeId, "staff-1");

        var restored = await _c.PimsClient("old-1").GetProfileAsync();
        Assert.Equal("old-1", restored.PimsId);
        Assert.Equal([PimsSyncKeys.PetIdFor("old-p1")], restored.PetIds);
        var split = await _c.Client(undone.SplitClientId!).GetProfileAsync();
        Assert.Equal(("new-1", PimsSyncKeys.PetIdFor("new-p1")), (split.PimsId, Assert.Single(split.PetIds)));
    }

    [Fact]
    public async Task Import_FamilyMembersSharingAnEmailInOneImport_StaySeparate()
    {
        await FullImportAsync(
            [Client("f1", first: "Ann", email: "family@example.com")],
            [Client("f2", first: "Bo", email: "family@example.com")]);

        Assert.Empty(await _c.Sync.GetMergesAsync());
        Assert.Equal(2, (await _c.Sync.FindClientsByContactAsync("family@example.com")).Count);
    }

    [Fact]
    public async Task Reimport_NewFamilyMemberBeforeTheEarlierOne_SeparatedWhenTheEarlierOneArrives()
    {
        await FullImportAsync([Client("f1", first: "Ann", email: "family@example.com"), Patient("p1", "f1")]);

        // The second export brings a new family member first: the earlier client is still a candidate then.
        await FullImportAsync(
            [Client("f9", first: "Bo", email: "family@example.com"), Patient("p9", "f9", name: "Tom")],
            [Client("f1", version: 2, first: "Ann", email: "family@example.com"), Patient("p1", "f1", version: 2)]);

        var ann = await _c.PimsClient("f1").GetProfileAsync();
        var bo = await _c.PimsClient("f9").GetProfileAsync();
        Assert.Equal(("f1", "Ann"), (ann.PimsId, ann.Details.FirstName));
        Assert.Equal([PimsSyncKeys.PetIdFor("p1")], ann.PetIds);
        Assert.Equal(("f9", "Bo"), (bo.PimsId, bo.Details.FirstName));
        Assert.Equal([PimsSyncKeys.PetIdFor("p9")], bo.PetIds);
        Assert.Equal("pims", Assert.Single(await _c.Sync.GetMergesAsync()).UndoneBy);
        Assert.Equal(2, (await _c.Sync.FindClientsByContactAsync("family@example.com")).Count);
    }

    [Fact]
    public async Task Reimport_MatchesTwoClientsOfAnEarlierImport_HeldForReviewNotMerged()
    {
        await FullImportAsync([Client("f1", first: "Ann", email: "family@example.com"), Client("f2", first: "Bo", email: "family@example.com")]);

        await FullImportAsync([Client("g1", first: "Ann", email: "family@example.com")]);

        Assert.Empty(await _c.Sync.GetMergesAsync());
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(includeResolved: false));
        Assert.Equal(ReviewKind.AmbiguousMatch, item.Kind);
    }
}
