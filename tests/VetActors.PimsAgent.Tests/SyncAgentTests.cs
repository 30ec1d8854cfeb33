using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.PimsAgent.Tests;

public sealed class SyncAgentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vetactors-agent-").FullName;
    private readonly ScriptedPimsServer _server = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<Record> Export(int count, string prefix = "C") =>
        [.. Enumerable.Range(0, count).Select(i => new Record { Id = $"{prefix}{i}", Version = 1, Client = new Client { FirstName = "A", LastName = "B" } })];

    private SyncAgent Agent(string state = "state.json") =>
        new(() => new InProcessCallInvoker<AgentMessage, ServerMessage>(_server.ServeAsync),
            new AgentOptions { AgentId = "agent", ApiKey = "key", StatePath = Path.Combine(_folder, state), BatchSize = 10, MaxBackoff = TimeSpan.FromMilliseconds(20) },
            new Progress<AgentProgress>(), TimeProvider.System);

    [Fact]
    public async Task RunAsync_ServerFailsMidStreamTwice_ResumesAndAppliesEveryBatchOnceInOrder()
    {
        _server.FailAfterBatches.Enqueue(5);
        _server.FailAfterBatches.Enqueue(3);

        var result = await Agent().RunAsync(Export(100), "export-1", CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _server.Applied);
        Assert.Equal(2, result.Reconnects);
        Assert.Equal(10, result.AcknowledgedBatches);
        Assert.Equal([0L, 4L, 6L], _server.Hellos.Select(h => h.LastAcknowledgedSequence));
    }

    [Fact]
    public async Task RunAsync_SameExportAgain_NothingResent()
    {
        await Agent().RunAsync(Export(50), "export-1", CancellationToken.None);

        var again = await Agent().RunAsync(Export(50), "export-1", CancellationToken.None);

        Assert.Equal(5, _server.Applied.Count);
        Assert.Equal(5, again.AcknowledgedBatches);
    }

    [Fact]
    public async Task RunAsync_NextExport_ContinuesTheSequenceAfterTheServersLast()
    {
        await Agent().RunAsync(Export(50), "export-1", CancellationToken.None);

        await Agent().RunAsync(Export(30, "D"), "export-2", CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), _server.Applied);
    }

    [Fact]
    public async Task RunAsync_ServerAsksForResync_SendsEverythingAgainUnderNewSequences()
    {
        await Agent().RunAsync(Export(50), "export-1", CancellationToken.None);
        _server.ResyncRequested = true;

        await Agent().RunAsync(Export(50), "export-1", CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _server.Applied);
    }

    [Fact]
    public async Task RunAsync_LastBatch_MarkedEndOfImport()
    {
        var ends = new List<bool>();
        var agent = new SyncAgent(
            () => new InProcessCallInvoker<AgentMessage, ServerMessage>(async (requests, responses) =>
            {
                await requests.MoveNext(CancellationToken.None);
                await responses.WriteAsync(new ServerMessage { Welcome = new Welcome { MaxUnacknowledgedBatches = 2, MaxRecordsPerBatch = 100 } });
                while (await requests.MoveNext(CancellationToken.None))
                {
                    ends.Add(requests.Current.Batch.EndOfImport);
                    await responses.WriteAsync(new ServerMessage { Ack = new Ack { Sequence = requests.Current.Batch.Sequence } });
                }
            }),
            new AgentOptions { AgentId = "a", ApiKey = "k", StatePath = Path.Combine(_folder, "s.json"), BatchSize = 10 },
            new Progress<AgentProgress>(), TimeProvider.System);

        await agent.RunAsync(Export(25), "export-1", CancellationToken.None);

        Assert.Equal([false, false, true], ends);
    }
}
