using Grpc.Core;
using VetActors.Protos.Pims.V1;

namespace VetActors.PimsAgent.Tests.Infrastructure;

/// <summary>
/// A server side of the sync stream with the protocol's bookkeeping only (sequence, replay, resync), whose
/// connections can be made to fail after a number of batches, losing the batch in flight, as a crashed silo would.
/// </summary>
internal sealed class ScriptedPimsServer
{
    private readonly Lock _lock = new();

    public long LastApplied { get; private set; }

    /// <summary>Every sequence applied, in order (a re-sent batch is acknowledged, not applied again).</summary>
    public List<long> Applied { get; } = [];

    public List<Hello> Hellos { get; } = [];

    /// <summary>Per connection, in order: fail when this many batches have arrived on it.</summary>
    public Queue<int> FailAfterBatches { get; } = new();

    public bool ResyncRequested { get; set; }

    public async Task ServeAsync(IAsyncStreamReader<AgentMessage> requests, IServerStreamWriter<ServerMessage> responses)
    {
        int failAfter;
        Welcome welcome;
        lock (_lock)
        {
            failAfter = FailAfterBatches.Count > 0 ? FailAfterBatches.Dequeue() : int.MaxValue;
        }

        if (!await requests.MoveNext(CancellationToken.None))
        {
            return;
        }

        lock (_lock)
        {
            Hellos.Add(requests.Current.Hello);
            welcome = new Welcome { SessionId = "s" + Hellos.Count, LastAppliedSequence = LastApplied, ResyncRequested = ResyncRequested, MaxUnacknowledgedBatches = 4, MaxRecordsPerBatch = 100 };
            ResyncRequested = false;
        }

        await responses.WriteAsync(new ServerMessage { Welcome = welcome });
        var received = 0;
        while (await requests.MoveNext(CancellationToken.None))
        {
            var batch = requests.Current.Batch;
            if (++received >= failAfter)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The server went away."));
            }

            var ack = new Ack { Sequence = batch.Sequence };
            lock (_lock)
            {
                if (batch.Sequence <= LastApplied)
                {
                    ack.Replayed = true;
                }
                else if (batch.Sequence == LastApplied + 1)
                {
                    LastApplied = batch.Sequence;
                    Applied.Add(batch.Sequence);
                }
                else
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Batch {batch.Sequence} does not follow {LastApplied}."));
                }
            }

            ack.Applied.AddRange(batch.Records.Select(r => new RecordOutcome { RecordId = r.Id }));
            await responses.WriteAsync(new ServerMessage { Ack = ack });
        }
    }
}
