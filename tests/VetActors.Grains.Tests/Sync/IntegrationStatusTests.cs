using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class IntegrationStatusTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    [Fact]
    public async Task Status_NoAgentEver_NotConnected()
    {
        Assert.Equal(IntegrationState.NotConnected, (await _c.Sync.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Status_DuringImport_ImportingWithCountsAndEstimate()
    {
        var session = await _c.Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19", 0, true, 4));
        _c.Time.Advance(TimeSpan.FromSeconds(10));

        await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1"), Client("c2", email: "nope")]));

        var status = await _c.Sync.GetStatusAsync();
        Assert.Equal(IntegrationState.Importing, status.State);
        Assert.Equal(new ImportProgress(2, 1, 0, 1, 4, TimeSpan.FromSeconds(10)), status.Progress);
    }

    [Fact]
    public async Task Status_AfterEndOfImport_LiveAndFirstDataConfirmationSentOnce()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.SendAsync(Client("c2"));

        var status = await _c.Sync.GetStatusAsync();

        Assert.Equal(IntegrationState.Live, status.State);
        Assert.True(status.InitialImportCompleted);
        var sent = Assert.Single(_c.Notifier.Sent);
        Assert.Equal(ClinicNotificationKind.FirstDataReceived, sent.Kind);
        Assert.Equal(SyncCluster.ClinicId, sent.ClinicId);
    }

    [Fact]
    public async Task Status_NoHeartbeatFor15Minutes_StaleAndAdministratorsAlertedOnce()
    {
        await _c.ImportAsync(Client("c1"));

        _c.Time.Advance(TimeSpan.FromMinutes(14));
        await Guard.SettledAsync(_c);
        Assert.Equal(IntegrationState.Live, (await _c.Sync.GetStatusAsync()).State);
        _c.Time.Advance(TimeSpan.FromMinutes(5));
        await Guard.UntilAsync(() => _c.Notifier.Sent.Any(n => n.Kind == ClinicNotificationKind.IntegrationStale), "stale alert");
        _c.Time.Advance(TimeSpan.FromMinutes(30));
        await Guard.SettledAsync(_c);

        Assert.Equal(IntegrationState.Stale, (await _c.Sync.GetStatusAsync()).State);
        Assert.Single(_c.Notifier.Sent, n => n.Kind == ClinicNotificationKind.IntegrationStale);
    }

    [Fact]
    public async Task Status_HeartbeatAfterStale_LiveAgain()
    {
        await _c.ImportAsync(Client("c1"));
        _c.Time.Advance(TimeSpan.FromMinutes(20));
        await Guard.UntilAsync(() => _c.Notifier.Sent.Any(n => n.Kind == ClinicNotificationKind.IntegrationStale), "stale alert");

        var session = await _c.ConnectAsync(fullImport: false);
        await _c.Sync.HeartbeatAsync(session.SessionId);

        Assert.Equal(IntegrationState.Live, (await _c.Sync.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Status_StaleCheck_SurvivesSiloRestart()
    {
        await _c.ImportAsync(Client("c1"));
        await _c.Cluster.KillAsync();
        await _c.Cluster.StartAsync();

        _c.Time.Advance(TimeSpan.FromMinutes(20));

        await Guard.UntilAsync(() => _c.Notifier.Sent.Any(n => n.Kind == ClinicNotificationKind.IntegrationStale), "stale alert after restart");
    }
}
