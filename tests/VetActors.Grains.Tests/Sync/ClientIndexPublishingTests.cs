using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Testing;
using VetActors.Grains.Clients;
using VetActors.Grains.Hosting;
using VetActors.Grains.Sync;
using VetActors.Grains.Sync.Internal;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>Searches read the index the sync grain publishes: whole snapshots, at once after a change, per clinic.</summary>
public sealed class ClientIndexPublishingTests : IAsyncLifetime
{
    // Large enough that applying it takes a while: a search published part-way would be seen.
    private const int BatchClients = 1000;

    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task Search_WhileABatchApplies_SeesTheStateBeforeOrAfterItWhole()
    {
        var session = await _c.ConnectAsync();
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("base-1", last: "Zorn")]));

        // "zorn f3" matches one client in ten, spread through the batch: a search answered part-way sees between.
        var batch = Enumerable.Range(0, BatchClients).Select(i => Client($"z-{i:D4}", first: $"F{i % 10}x{i:D4}", last: "Zorn")).ToArray();
        var counts = new List<int>();
        using var stop = new CancellationTokenSource();
        var searching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                counts.Add((await _c.Search.SearchAsync(SyncCluster.ClinicId, "zorn f3", 100)).Clients.Count);
            }
        });

        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, batch, EndOfImport: true));
        var after = (await _c.Search.SearchAsync(SyncCluster.ClinicId, "zorn f3", 100)).Clients.Count;
        await stop.CancelAsync();
        await searching;

        Assert.Equal(BatchClients / 10, after);
        var torn = counts.Where(count => count is not (0 or BatchClients / 10)).ToList();
        Assert.True(torn.Count == 0, $"{torn.Count} of {counts.Count} searches saw part of the batch (first: {torn.FirstOrDefault()} of {BatchClients / 10} matches)");
    }

    [Fact]
    public async Task Search_RightAfterUndoMerge_SeesTheSplitClient()
    {
        await _c.Client("web-1").CreateAsync(new ClientDetails("Annie", "Lee", null, [], "ann@example.com"), "portal");
        await _c.ImportAsync(Client("c1", first: "Ann", email: "ann@example.com"));
        Assert.Equal("web-1", Assert.Single((await _c.Search.SearchAsync(SyncCluster.ClinicId, "c1", 20)).Clients).ClientId);
        var merge = Assert.Single(await _c.Sync.GetMergesAsync());

        var undone = await _c.Sync.UndoMergeAsync(merge.MergeId, "staff-1");

        Assert.Equal(undone.SplitClientId, Assert.Single((await _c.Search.SearchAsync(SyncCluster.ClinicId, "c1", 20)).Clients).ClientId);
        var restored = Assert.Single((await _c.Search.SearchAsync(SyncCluster.ClinicId, "annie", 20)).Clients);
        Assert.Equal("web-1", restored.ClientId);
        Assert.Null(restored.PimsId);
    }

    [Fact]
    public async Task Search_RightAfterApprovedMatch_SeesTheMerge()
    {
        await _c.Client("web-1").CreateAsync(new ClientDetails("Ann", "Lee", null, [], "ann@example.com"), "portal");
        await _c.Client("web-2").CreateAsync(new ClientDetails("Ann", "Lee", null, ["5550102030"], null), "portal");
        await _c.ImportAsync(Client("c1", email: "ann@example.com", phones: ["5550102030"]));
        Assert.Empty((await _c.Search.SearchAsync(SyncCluster.ClinicId, "c1", 20)).Clients);
        var item = Assert.Single(await _c.Sync.GetReviewQueueAsync(false));

        await _c.Sync.ApproveAsync(item.Id, "staff-1", "web-2");

        var hit = Assert.Single((await _c.Search.SearchAsync(SyncCluster.ClinicId, "c1", 20)).Clients);
        Assert.Equal("web-2", hit.ClientId);
    }

    [Fact]
    public async Task Search_TwoClinics_EachSeesOnlyItsOwnClients()
    {
        await _c.ImportAsync(Client("a-1", first: "Ann", last: "Lee"));
        var other = _c.Cluster.GrainFactory.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("43"));
        var session = await other.ConnectAsync(new AgentHello("agent-2", "AVImark", "19.1", 0, true, null));
        await other.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("b-1", first: "Bea", last: "Lee")], EndOfImport: true));

        var ours = (await _c.Search.SearchAsync(SyncCluster.ClinicId, "lee", 20)).Clients;
        var theirs = (await _c.Search.SearchAsync("43", "lee", 20)).Clients;

        Assert.Equal(["a-1"], ours.Select(h => h.PimsId));
        Assert.Equal(["b-1"], theirs.Select(h => h.PimsId));
        Assert.Empty((await _c.Search.SearchAsync("44", "lee", 20)).Clients);
    }

    [Fact]
    public async Task Search_AfterTheGrainWasDeactivated_ActivatesItAndFindsTheClient()
    {
        await using var cluster = await new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(IPimsSyncGrain).Assembly)
            .ConfigureServices(s => s.AddClientSearch())
            .ConfigureOptions(o => o.CollectionAge = TimeSpan.FromMinutes(1))
            .BuildAndStartAsync();
        var key = PimsSyncKeys.Sync("7");
        var registry = cluster.Services.GetRequiredService<ClientIndexRegistry>();
        var search = cluster.Services.GetRequiredService<IClientSearch>();
        await cluster.GrainFactory.GetGrain<IPimsSyncGrain>(key)
            .IndexClientAsync(new ClientIndexEntry("web-1", "Ann", "Lee", "ann@example.com", [], null));
        Assert.NotNull(registry.Find(key));

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(3));
        await Guard.UntilAsync(() => registry.Find(key) is null, "the idle sync grain to withdraw its index");

        Assert.Equal("web-1", Assert.Single((await search.SearchAsync("7", "lee", 20)).Clients).ClientId);
        Assert.NotNull(registry.Find(key));
    }
}
