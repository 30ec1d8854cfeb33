using Grpc.Core;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>The open stream: the announced window, the server's heartbeat, and a resync reaching a connected agent.</summary>
public sealed class PimsSyncStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly ApiTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private IPimsSyncGrain SyncGrain => _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("42"));

    private static AgentMessage Hello(bool fullImport = true) =>
        new() { Hello = new Hello { AgentId = "a", PimsKind = "AVImark", PimsVersion = "19", FullImport = fullImport } };

    private static AgentMessage Batch(long sequence, bool end = false)
    {
        var batch = new Batch { Sequence = sequence, EndOfImport = end };
        batch.Records.Add(new Record { Id = "c" + sequence, Version = 1, Client = new Client { FirstName = "Ann", LastName = "Lee" + sequence } });
        return new AgentMessage { Batch = batch };
    }

    private static AgentMessage Heartbeat() => new() { Heartbeat = new Heartbeat() };

    private Task Open(TestAsyncStreamReader<AgentMessage> requests, StreamRecorder<ServerMessage> responses) =>
        _host.Service<PimsSyncService>().Sync(requests, responses, TestServerCallContext.For(Principal.PimsAgent("42", "agent-7"), "/vetactors.pims.v1.PimsSync/Sync"));

    /// <summary>Moves the clock an interval at a time until the stream writes what <paramref name="match"/> accepts.</summary>
    private async Task<ServerMessage> AdvanceUntilAsync(StreamRecorder<ServerMessage> responses, Func<ServerMessage, bool> match, string what)
    {
        var wanted = responses.WaitForAsync(match, what);
        for (var i = 0; i < 100 && !wanted.IsCompleted; i++)
        {
            _host.Time.Advance(Interval);

            // The stream's timer is armed right after its last write, on the stream's own thread: give it the turn.
            await Task.WhenAny(wanted, Task.Delay(10));
        }

        return await wanted;
    }

    [Fact]
    public async Task Sync_BatchBeyondTheAnnouncedWindow_BatchesWithinAckedThenResourceExhausted()
    {
        var window = (await SyncGrain.ConnectAsync(new AgentHello("probe", "AVImark", "19", 0, false, null))).MaxUnacknowledgedBatches;
        var requests = new TestAsyncStreamReader<AgentMessage>([Hello(), .. Enumerable.Range(1, window + 1).Select(i => Batch(i))]);
        requests.Complete();
        var responses = new StreamRecorder<ServerMessage>();

        var error = await Assert.ThrowsAsync<RpcException>(() => Open(requests, responses));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"Batch {window + 1} arrived while {window} batches were unacknowledged", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, window).Select(i => (long)i), responses.Messages.Where(m => m.Ack is not null).Select(m => m.Ack.Sequence));
        Assert.Equal(window, (await SyncGrain.GetStatusAsync()).LastAppliedSequence);
    }

    [Fact]
    public async Task Sync_AgentKeepsWithinTheWindow_EveryBatchAcked()
    {
        var requests = new TestAsyncStreamReader<AgentMessage>(Hello());
        var responses = new StreamRecorder<ServerMessage>();
        var stream = Open(requests, responses);

        for (var sequence = 1; sequence <= 20; sequence++)
        {
            await requests.WriteAsync(Batch(sequence, end: sequence == 20));
            if (sequence > 4)
            {
                await responses.WaitForAsync(m => m.Ack?.Sequence == sequence - 4, $"ack {sequence - 4}");
            }
        }

        requests.Complete();
        await stream;
        Assert.Equal(20, responses.Messages.Count(m => m.Ack is not null));
    }

    [Fact]
    public async Task Sync_StreamIdleForTheInterval_ServerSendsHeartbeat()
    {
        var requests = new TestAsyncStreamReader<AgentMessage>(Hello());
        var responses = new StreamRecorder<ServerMessage>();
        var stream = Open(requests, responses);
        await responses.WaitForAsync(m => m.Welcome is not null, "welcome");

        await AdvanceUntilAsync(responses, m => m.Heartbeat is not null, "server heartbeat");

        requests.Complete();
        await stream;
        Assert.Equal(ServerMessage.MessageOneofCase.Welcome, responses.Messages[0].MessageCase);
    }

    [Fact]
    public async Task Sync_StaffAskForResyncWhileStreamIsIdle_ResyncSentInsteadOfTheNextHeartbeat()
    {
        var requests = new TestAsyncStreamReader<AgentMessage>(Hello(fullImport: false));
        var responses = new StreamRecorder<ServerMessage>();
        var stream = Open(requests, responses);
        await responses.WaitForAsync(m => m.Welcome is not null, "welcome");

        await SyncGrain.RequestResyncAsync("staff-1");
        await AdvanceUntilAsync(responses, m => m.Resync is not null, "resync");

        requests.Complete();
        await stream;
        Assert.DoesNotContain(responses.Messages, m => m.Heartbeat is not null);
        Assert.Single(responses.Messages, m => m.Resync is not null);
    }

    [Fact]
    public async Task Sync_StaffAskForResyncDuringBatches_ResyncFollowsTheNextAck()
    {
        var requests = new TestAsyncStreamReader<AgentMessage>(Hello(fullImport: false));
        var responses = new StreamRecorder<ServerMessage>();
        var stream = Open(requests, responses);
        await responses.WaitForAsync(m => m.Welcome is not null, "welcome");

        await SyncGrain.RequestResyncAsync("staff-1");
        await requests.WriteAsync(Batch(1));
        await requests.WriteAsync(Batch(2));
        requests.Complete();
        await stream;

        Assert.Equal(
            [ServerMessage.MessageOneofCase.Welcome, ServerMessage.MessageOneofCase.Ack, ServerMessage.MessageOneofCase.Resync, ServerMessage.MessageOneofCase.Ack],
            responses.Messages.Select(m => m.MessageCase));
    }

    [Fact]
    public async Task Sync_AgentHeartbeatsWhileIdle_IntegrationStaysLiveAndGoesStaleWhenTheyStop()
    {
        var requests = new TestAsyncStreamReader<AgentMessage>(Hello(), Batch(1, end: true));
        var responses = new StreamRecorder<ServerMessage>();
        var stream = Open(requests, responses);
        await responses.WaitForAsync(m => m.Ack is not null, "ack 1");

        for (var i = 0; i < 6; i++)
        {
            _host.Time.Advance(TimeSpan.FromMinutes(10));
            await requests.WriteAsync(Heartbeat());
            var now = _host.Time.GetUtcNow();
            await Eventually(async () => (await SyncGrain.GetStatusAsync()).LastActivityAt >= now, "heartbeat recorded");
        }

        Assert.Equal(IntegrationState.Live, (await SyncGrain.GetStatusAsync()).State);
        _host.Time.Advance(TimeSpan.FromMinutes(20));
        await Eventually(async () => (await SyncGrain.GetStatusAsync()).State == IntegrationState.Stale, "stale without heartbeats");
        requests.Complete();
        await stream;
    }

    /// <summary>A hang guard, not a deadline: the stale check is a reminder delivered on the silo's loop after the clock moves.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 3000; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("Gave up waiting for: " + what);
    }
}
