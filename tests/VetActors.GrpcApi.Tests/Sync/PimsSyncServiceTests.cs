using Grpc.Core;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.GrpcApi.Tests.Sync;

public sealed class PimsSyncServiceTests : IAsyncLifetime
{
    private readonly ApiTestHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private static AgentMessage Hello(long lastAcked = 0) =>
        new() { Hello = new Hello { AgentId = "ignored", PimsKind = "AVImark", PimsVersion = "19", LastAcknowledgedSequence = lastAcked, FullImport = true, TotalRecords = 3 } };

    private static AgentMessage Batch(long sequence, bool end, params Record[] records)
    {
        var batch = new Batch { Sequence = sequence, EndOfImport = end };
        batch.Records.AddRange(records);
        return new AgentMessage { Batch = batch };
    }

    private static Record Client(string id, string email = "ann@example.com") =>
        new() { Id = id, Version = 1, Client = new Client { FirstName = "Ann", LastName = "Lee", Email = email, Phones = { "555 010 2030" } } };

    private static Record Patient(string id, string clientId, string birthDate = "2020-03-01") =>
        new() { Id = id, Version = 1, Patient = new Patient { ClientId = clientId, Name = "Rex", Species = "canine", BirthDate = birthDate, Weight = 12.5, WeightUnit = "kg" } };

    private async Task<List<ServerMessage>> RunAsync(params AgentMessage[] messages)
    {
        var writer = new RecordingStreamWriter<ServerMessage>();
        var context = TestServerCallContext.For(Principal.PimsAgent("42", "agent-7"), "/vetactors.pims.v1.PimsSync/Sync");
        await _host.Service<PimsSyncService>().Sync(new ScriptedStreamReader<AgentMessage>(messages), writer, context);
        return writer.Written;
    }

    [Fact]
    public async Task Sync_HelloThenBatches_WelcomeThenOneAckPerBatchInOrder()
    {
        var replies = await RunAsync(Hello(), Batch(1, false, Client("c1")), Batch(2, true, Patient("p1", "c1")));

        Assert.Equal(0, replies[0].Welcome.LastAppliedSequence);
        Assert.Equal([1L, 2L], replies.Skip(1).Select(r => r.Ack.Sequence));
        Assert.Equal("p1", Assert.Single(replies[2].Ack.Applied).RecordId);
        var sessions = await _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("42")).GetSessionsAsync();
        Assert.Equal("agent-7", Assert.Single(sessions).AgentId);
        Assert.NotNull(sessions[0].EndedAt);
    }

    [Fact]
    public async Task Sync_ResentBatchAfterReconnect_AckedAsReplayWithoutReapplying()
    {
        await RunAsync(Hello(), Batch(1, false, Client("c1")));

        var replies = await RunAsync(Hello(lastAcked: 0), Batch(1, false, Client("c1")));

        Assert.Equal(1, replies[0].Welcome.LastAppliedSequence);
        Assert.True(replies[1].Ack.Replayed);
    }

    [Fact]
    public async Task Sync_FirstMessageNotHello_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => RunAsync(Batch(1, false, Client("c1"))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Sync_UndecodableDateAndUnknownPayload_RejectedWithReasonsRestApplied()
    {
        var unknown = new Record { Id = "x1", Version = 1, Raw = "{\"kind\":\"invoice\"}" };

        var replies = await RunAsync(Hello(), Batch(1, true, Client("c1"), Patient("p1", "c1", birthDate: "01/03/2020"), unknown));

        var ack = replies[1].Ack;
        Assert.Equal("c1", Assert.Single(ack.Applied).RecordId);
        Assert.Contains(ack.Rejected, r => r.RecordId == "p1" && r.Reason.Contains("birth_date", StringComparison.Ordinal));
        Assert.Contains(ack.Rejected, r => r.RecordId == "x1" && r.Kind == RecordKind.Unspecified && r.Reason.Contains("unknown record kind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_HeartbeatAfterStaffAskedForResync_AnsweredWithResync()
    {
        await RunAsync(Hello(), Batch(1, true, Client("c1")));
        await _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("42")).RequestResyncAsync("staff-1");

        var replies = await RunAsync(new AgentMessage { Hello = new Hello { AgentId = "a", LastAcknowledgedSequence = 1 } }, new AgentMessage { Heartbeat = new Heartbeat() });

        Assert.True(replies[0].Welcome.ResyncRequested);
        Assert.NotNull(replies[1].Resync);
    }
}
