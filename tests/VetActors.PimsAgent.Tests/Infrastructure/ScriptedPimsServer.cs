using Grpc.Core;
using VetActors.Protos.Pims.V1;

namespace VetActors.PimsAgent.Tests.Infrastructure;

/// <summary>
/// A server side of the sync stream with the protocol's bookkeeping only (sequence, replay, resync), whose
/// connections can be made to fail after a number of batches, losing the batch in flight, as a crashed silo would.
/// It can hold acks back until the agent, idle, sends a heartbeat, send a resync mid-stream, and records every
/// heartbeat it receives.
/// </summary>
internal sealed class ScriptedPimsServer
{
    public const int Window = 4;

    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _waiters = [];
    private IServerStreamWriter<ServerMessage>? _current;

    public long LastApplied { get; private set; }

    /// <summary>Every sequence applied, in order (a re-sent batch is acknowledged, not applied again).</summary>
    public List<long> Applied { get; } = [];

    /// <summary>The ids of the records applied, in order.</summary>
    public List<string> AppliedRecords { get; } = [];

    public List<Hello> Hellos { get; } = [];

    public int HeartbeatsReceived { get; private set; }

    /// <summary>Per connection, in order: fail when this many batches have arrived on it.</summary>
    public Queue<int> FailAfterBatches { get; } = new();

    public bool ResyncRequested { get; set; }

    /// <summary>The welcome's heartbeat interval.</summary>
    public int HeartbeatIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// Acknowledge nothing until the agent sends a heartbeat (it has gone idle: it sends no more without an ack) or
    /// its last batch; then acknowledge everything received.
    /// </summary>
    public bool HoldAcks { get; set; }

    /// <summary>Batches received and not yet acknowledged on the open connection.</summary>
    public int Unacknowledged { get; private set; }

    /// <summary>The most batches seen unacknowledged at once on one connection.</summary>
    public int MaxUnacknowledged { get; private set; }

    /// <summary>On the first connection, send a resync right after acknowledging this sequence.</summary>
    public long? ResyncAfterSequence { get; set; }

    /// <summary>Sends a message on the open connection, as the server does unasked (its heartbeat, a resync).</summary>
    public Task PushAsync(ServerMessage message) => _current!.WriteAsync(message);

    /// <summary>Completes once <paramref name="condition"/> holds; checked after every message the server handles.</summary>
    public async Task WaitUntilAsync(Func<ScriptedPimsServer, bool> condition)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(this))
            {
                return;
            }

            _waiters.Add(waiter);
        }

        while (true)
        {
            // A hang guard, not a deadline: it only turns a bug that would hang the suite into a failure.
            await waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
            lock (_lock)
            {
                if (condition(this))
                {
                    return;
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(waiter);
            }
        }
    }

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

        bool firstConnection;
        lock (_lock)
        {
            Hellos.Add(requests.Current.Hello);
            firstConnection = Hellos.Count == 1;
            welcome = new Welcome
            {
                SessionId = "s" + Hellos.Count, LastAppliedSequence = LastApplied, ResyncRequested = ResyncRequested,
                MaxUnacknowledgedBatches = Window, MaxRecordsPerBatch = 100, HeartbeatIntervalSeconds = HeartbeatIntervalSeconds,
            };
            ResyncRequested = false;
            Unacknowledged = 0;
            _current = responses;
            Changed();
        }

        await responses.WriteAsync(new ServerMessage { Welcome = welcome });
        var received = 0;
        var unacknowledged = new Queue<Batch>();
        while (await requests.MoveNext(CancellationToken.None))
        {
            if (requests.Current.Heartbeat is not null)
            {
                lock (_lock)
                {
                    HeartbeatsReceived++;
                    Changed();
                }

                await AcknowledgeAsync(unacknowledged, responses, firstConnection);
                await responses.WriteAsync(new ServerMessage { Heartbeat = new Heartbeat() });
                continue;
            }

            var batch = requests.Current.Batch;
            if (++received >= failAfter)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The server went away."));
            }

            unacknowledged.Enqueue(batch);
            lock (_lock)
            {
                Unacknowledged = unacknowledged.Count;
                MaxUnacknowledged = Math.Max(MaxUnacknowledged, Unacknowledged);
                Changed();
            }

            if (!HoldAcks || batch.EndOfImport)
            {
                await AcknowledgeAsync(unacknowledged, responses, firstConnection);
            }
        }
    }

    private async Task AcknowledgeAsync(Queue<Batch> unacknowledged, IServerStreamWriter<ServerMessage> responses, bool firstConnection)
    {
        while (unacknowledged.TryDequeue(out var next))
        {
            var ack = Acknowledge(next, unacknowledged.Count);
            await responses.WriteAsync(new ServerMessage { Ack = ack });
            if (firstConnection && next.Sequence == ResyncAfterSequence)
            {
                await responses.WriteAsync(new ServerMessage { Resync = new Resync { Reason = "staff asked" } });
            }
        }
    }

    private Ack Acknowledge(Batch batch, int stillUnacknowledged)
    {
        var ack = new Ack { Sequence = batch.Sequence };
        lock (_lock)
        {
            Unacknowledged = stillUnacknowledged;
            if (batch.Sequence <= LastApplied)
            {
                ack.Replayed = true;
            }
            else if (batch.Sequence == LastApplied + 1)
            {
                LastApplied = batch.Sequence;
                Applied.Add(batch.Sequence);
                AppliedRecords.AddRange(batch.Records.Select(r => r.Id));
            }
            else
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Batch {batch.Sequence} does not follow {LastApplied}."));
            }

            Changed();
        }

        ack.Applied.AddRange(batch.Records.Select(r => new RecordOutcome { RecordId = r.Id }));
        return ack;
    }

    /// <summary>Wakes the waiters (under the lock).</summary>
    private void Changed()
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetResult();
        }

        _waiters.Clear();
    }
}
