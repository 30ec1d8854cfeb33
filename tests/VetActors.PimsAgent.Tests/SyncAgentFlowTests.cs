using VetActors.Actors.Testing;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.PimsAgent.Tests;

/// <summary>The agent's flow control, heartbeats and resync handling, on a manual clock.</summary>
public sealed class SyncAgentFlowTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("vetactors-agent-").FullName;
    private readonly ScriptedPimsServer _server = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<Record> Export(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Record { Id = $"C{i}", Version = 1, Client = new Client { FirstName = "A", LastName = "B" } })];

    private SyncAgent Agent(bool stayConnected = false, int window = 8) =>
        new(() => new InProcessCallInvoker<AgentMessage, ServerMessage>(_server.ServeAsync),
            new AgentOptions
            {
                AgentId = "agent", ApiKey = "key", StatePath = Path.Combine(_folder, "state.json"), BatchSize = 10, Window = window,
                StayConnected = stayConnected, MaxBackoff = TimeSpan.FromMilliseconds(20),
            },
            new Progress<AgentProgress>(), _time);

    [Fact]
    public async Task RunAsync_ServerHoldsAcksUntilAgentIdles_NeverMoreUnacknowledgedThanTheWelcomeAllows()
    {
        _server.HoldAcks = true;
        var run = Agent(window: 16).RunAsync(Export(100), "export-1", CancellationToken.None);

        // Each round: the agent sends what its window allows, then idles; its heartbeat releases the acks.
        while (true)
        {
            await _server.WaitUntilAsync(s => s.Unacknowledged >= ScriptedPimsServer.Window || s.LastApplied == 10);
            if (_server.LastApplied == 10)
            {
                break;
            }

            _time.Advance(Interval);
        }

        var result = await run;
        Assert.Equal(ScriptedPimsServer.Window, _server.MaxUnacknowledged);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _server.Applied);
        Assert.Equal(10, result.AcknowledgedBatches);
    }

    [Fact]
    public async Task RunAsync_StayConnectedAndIdleForTheInterval_SendsHeartbeat()
    {
        using var stop = new CancellationTokenSource();
        var run = Agent(stayConnected: true).RunAsync(Export(10), "export-1", stop.Token);
        await _server.WaitUntilAsync(s => s.LastApplied == 1);
        var beforeIdle = _server.HeartbeatsReceived;

        _time.Advance(Interval);
        await _server.WaitUntilAsync(s => s.HeartbeatsReceived == 1);
        _time.Advance(Interval);
        await _server.WaitUntilAsync(s => s.HeartbeatsReceived == 2);

        Assert.Equal(0, beforeIdle);
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(_server.Hellos);
    }

    [Fact]
    public async Task RunAsync_ResyncMidStream_StartsOverWithTheWholeExportAsAFullImport()
    {
        _server.ResyncAfterSequence = 2;
        var export = Export(50);

        await Agent().RunAsync(export, "export-1", CancellationToken.None);

        Assert.Equal(2, _server.Hellos.Count);
        Assert.True(_server.Hellos[1].FullImport);
        Assert.Equal(export.Select(r => r.Id), _server.AppliedRecords.TakeLast(50));
    }

    [Fact]
    public async Task RunAsync_StayConnectedAndServerAsksForResyncAfterImport_SendsTheExportAgain()
    {
        using var stop = new CancellationTokenSource();
        var export = Export(20);
        var run = Agent(stayConnected: true).RunAsync(export, "export-1", stop.Token);
        await _server.WaitUntilAsync(s => s.LastApplied == 2);

        await _server.PushAsync(new ServerMessage { Resync = new Resync { Reason = "staff asked" } });
        await _server.WaitUntilAsync(s => s.LastApplied == 4);

        Assert.Equal(export.Concat(export).Select(r => r.Id), _server.AppliedRecords);
        Assert.Equal(2, _server.Hellos.Count);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
