using VetActors.Grains.Common;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class PimsSyncProtocolTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task Connect_FirstTime_ResumesFromZeroWithFlowLimits()
    {
        var session = await _c.ConnectAsync();

        Assert.Equal(0, session.LastAppliedSequence);
        Assert.False(session.ResyncRequested);
        Assert.Equal(8, session.MaxUnacknowledgedBatches);
        Assert.Equal(2000, session.MaxRecordsPerBatch);
    }

    [Fact]
    public async Task ApplyBatch_ClientAndPatient_AppliedAndAcked()
    {
        var ack = await _c.ImportAsync(Client("c1"), Patient("p1", "c1"));

        Assert.Equal(1, ack.Sequence);
        Assert.Equal(["c1", "p1"], ack.Applied.Select(a => a.RecordId));
        Assert.Empty(ack.Held);
        Assert.Empty(ack.Rejected);
        var pets = await _c.PimsClient("c1").GetPetsAsync();
        Assert.Equal("Rex", Assert.Single(pets).Signalment.Name);
    }

    [Fact]
    public async Task ApplyBatch_ResentBatch_AckedAgainWithoutReapplying()
    {
        var session = await _c.ConnectAsync();
        var batch = new SyncBatch(1, [Client("c1", email: "bad-email"), Client("c2"), Patient("p2", "c2", weight: 10m)]);
        var first = await _c.Sync.ApplyBatchAsync(session.SessionId, batch);
        await _c.SendAsync(Patient("p2", "c2", version: 2, weight: 11m, weighed: new DateOnly(2025, 12, 20)));

        var again = await _c.Sync.ApplyBatchAsync(session.SessionId, batch);

        Assert.True(again.Replayed);
        Assert.Equal(first.Applied.Select(a => a.RecordId), again.Applied.Select(a => a.RecordId));
        Assert.Equal(first.Rejected, again.Rejected);
        var profile = await _c.PimsPet("p2").GetProfileAsync();
        Assert.Equal(11m, profile.Signalment.Weight!.Value);
        Assert.Equal(2, profile.PimsVersion);
        Assert.Equal(4, (await _c.Sync.GetStatusAsync()).Progress.Received);
    }

    [Fact]
    public async Task ApplyBatch_SequenceGap_FailsPreconditionAndChangesNothing()
    {
        var session = await _c.ConnectAsync();

        var error = await Assert.ThrowsAsync<RuleViolation>(() => _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c1")])));

        Assert.Equal("sync.sequence_gap", error.Code);
        Assert.Equal(0, (await _c.Sync.GetStatusAsync()).LastAppliedSequence);
        Assert.Empty((await _c.Sync.SearchClientsAsync("Lee", 10)).Clients);
    }

    [Fact]
    public async Task Connect_AfterBatches_ReportsLastAppliedSequenceToResumeFrom()
    {
        var session = await _c.ConnectAsync();
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1")]));
        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c2")]));
        await _c.Cluster.KillAsync();
        await _c.Cluster.StartAsync();

        var resumed = await _c.ConnectAsync(lastAcked: 1);

        Assert.Equal(2, resumed.LastAppliedSequence);
        Assert.False(resumed.ResyncRequested);
    }

    [Fact]
    public async Task Connect_AgentAheadOfServer_RequestsFullResync()
    {
        var session = await _c.ConnectAsync(fullImport: false, lastAcked: 5);

        Assert.True(session.ResyncRequested);
        Assert.True(await _c.Sync.HeartbeatAsync(session.SessionId));
    }

    [Fact]
    public async Task RequestResync_ByStaff_HeartbeatAsksAgentToResend()
    {
        var session = await _c.ConnectAsync(fullImport: false);

        await _c.Sync.RequestResyncAsync("staff-1");

        Assert.True(await _c.Sync.HeartbeatAsync(session.SessionId));
    }

    [Fact]
    public async Task ApplyBatch_OlderVersion_NeverOverwritesNewer()
    {
        await _c.ImportAsync(Client("c1", version: 5, email: "new@example.com"), Patient("p1", "c1", version: 9, weight: 20m));

        var ack = await _c.SendAsync(Client("c1", version: 3, email: "old@example.com"), Patient("p1", "c1", version: 4, weight: 15m));

        Assert.All(ack.Applied, a => Assert.Contains("newer", a.Reason));
        Assert.Equal("new@example.com", (await _c.PimsClient("c1").GetProfileAsync()).Details.Email);
        Assert.Equal(20m, (await _c.PimsPet("p1").GetProfileAsync()).Signalment.Weight!.Value);
    }

    [Fact]
    public async Task Sessions_ConnectAndDisconnect_KeptAsHistory()
    {
        var session = await _c.ConnectAsync();
        _c.Time.Advance(TimeSpan.FromMinutes(1));
        await _c.Sync.DisconnectAsync(session.SessionId);

        var history = Assert.Single(await _c.Sync.GetSessionsAsync());

        Assert.Equal("agent-1", history.AgentId);
        Assert.Equal(_c.Time.GetUtcNow(), history.EndedAt);
    }
}
