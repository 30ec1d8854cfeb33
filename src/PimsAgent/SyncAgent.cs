using Grpc.Core;
using VetActors.Protos.Pims.V1;

namespace VetActors.PimsAgent;

/// <summary>
/// Streams an export to the server in numbered batches, at most a window of them unacknowledged, and resumes
/// after any disconnect (or server restart) from the last sequence the server says it applied. Batches are cut
/// the same way every run (fixed size over the same export), so batch N always holds the same records and a
/// re-sent batch is recognised by the server. A stream idle for the welcome's heartbeat interval carries a
/// heartbeat; a resync from the server, in the welcome or mid-stream, starts the export over.
/// </summary>
internal sealed class SyncAgent(Func<CallInvoker> connect, AgentOptions options, IProgress<AgentProgress> progress, TimeProvider time)
{
    private AgentState? _state;
    private long _applied;
    private long _held;
    private long _rejected;
    private int _reconnects;

    /// <summary>
    /// Sends every batch of <paramref name="records"/>; returns once the last one is acknowledged, or, with
    /// <see cref="AgentOptions.StayConnected"/>, keeps the stream open until <paramref name="cancellationToken"/> ends it.
    /// </summary>
    public async Task<AgentProgress> RunAsync(IReadOnlyList<Record> records, string exportHash, CancellationToken cancellationToken)
    {
        var batches = records.Chunk(options.BatchSize).ToArray();
        _state = AgentState.Load(options.StatePath) is { } saved && saved.ExportHash == exportHash && saved.BatchSize == options.BatchSize ? saved : null;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await RunSessionAsync(batches, exportHash, records.Count, () => failures = 0, cancellationToken) is { } done)
                {
                    return done;
                }
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                _reconnects++;
                progress.Report(Snapshot(batches.Length, null));
                var delay = TimeSpan.FromMilliseconds(Math.Min(options.MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>One stream; null when the server asked for a resync (the caller starts over).</summary>
    private async Task<AgentProgress?> RunSessionAsync(Record[][] batches, string exportHash, int total, Action connected, CancellationToken cancellationToken)
    {
        var client = new PimsSync.PimsSyncClient(connect());
        var headers = new Metadata { { "authorization", "Bearer " + options.ApiKey } };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Writes are cancelled with the call (gRPC stream writers take no token of their own).
        using var call = client.Sync(headers, cancellationToken: stop.Token);
        using var outbound = new AgentOutbound(call.RequestStream, time);
        await outbound.SendAsync(new AgentMessage
        {
            Hello = new Hello
            {
                AgentId = options.AgentId, PimsKind = options.PimsKind, PimsVersion = options.PimsVersion,
                LastAcknowledgedSequence = _state?.LastAcknowledged ?? 0, FullImport = options.FullImport, TotalRecords = total,
            },
        });
        if (!await call.ResponseStream.MoveNext(stop.Token) || call.ResponseStream.Current.Welcome is not { } welcome)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The server ended the stream before its welcome."));
        }

        connected();
        var applied = welcome.LastAppliedSequence;
        if (_state is null || welcome.ResyncRequested || applied < _state.BaseSequence - 1)
        {
            // A new export (or the server lost what it had): this export's batch 1 is the server's next sequence.
            _state = new AgentState(exportHash, options.BatchSize, applied + 1, applied);
        }

        _state = _state with { LastAcknowledged = applied };
        _state.Save(options.StatePath);
        var last = _state.BaseSequence + batches.Length - 1;
        if (applied >= last && !options.StayConnected)
        {
            await call.RequestStream.CompleteAsync();
            return Snapshot(batches.Length, null);
        }

        if (options.BatchSize > welcome.MaxRecordsPerBatch && welcome.MaxRecordsPerBatch > 0)
        {
            throw new InvalidOperationException($"The server takes at most {welcome.MaxRecordsPerBatch} records per batch; use --batch-size {welcome.MaxRecordsPerBatch} or less.");
        }

        var window = new SemaphoreSlim(Math.Max(1, Math.Min(options.Window, welcome.MaxUnacknowledgedBatches > 0 ? welcome.MaxUnacknowledgedBatches : options.Window)));
        var baseSequence = _state.BaseSequence;
        var sender = Task.Run(async () =>
        {
            for (var sequence = applied + 1; sequence <= last; sequence++)
            {
                await window.WaitAsync(stop.Token);
                var index = (int)(sequence - baseSequence);
                var batch = new Batch { Sequence = sequence, EndOfImport = options.FullImport && sequence == last };
                batch.Records.AddRange(batches[index]);
                await outbound.SendAsync(new AgentMessage { Batch = batch });
            }
        }, stop.Token);
        var interval = welcome.HeartbeatIntervalSeconds > 0 ? TimeSpan.FromSeconds(welcome.HeartbeatIntervalSeconds) : options.HeartbeatInterval;
        var heartbeats = outbound.HeartbeatWhenIdleAsync(interval, stop.Token);

        try
        {
            var finished = applied >= last;
            while (await call.ResponseStream.MoveNext(stop.Token))
            {
                var message = call.ResponseStream.Current;
                if (message.Resync is not null)
                {
                    // Everything again, from the export's first record, under new sequences.
                    _state = null;
                    return null;
                }

                if (message.Ack is not { } ack || finished)
                {
                    continue;
                }

                _applied += ack.Applied.Count;
                _held += ack.Held.Count;
                _rejected += ack.Rejected.Count;
                _state = _state with { LastAcknowledged = ack.Sequence };
                _state.Save(options.StatePath);
                window.Release();
                progress.Report(Snapshot(batches.Length, ack));
                if (ack.Sequence >= last)
                {
                    await sender;
                    if (!options.StayConnected)
                    {
                        await call.RequestStream.CompleteAsync();
                        return Snapshot(batches.Length, null);
                    }

                    // Connected and idle: heartbeats keep the clinic live, and a resync can still come.
                    finished = true;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await EndQuietlyAsync(sender);
            await EndQuietlyAsync(heartbeats);
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "The server ended the stream."));
    }

    private static async Task EndQuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException || IsTransient(e))
        {
            // The session is over either way; the receive side decides what happens next.
        }
    }

    private AgentProgress Snapshot(long totalBatches, Ack? ack) =>
        new(_state is null ? 0 : _state.LastAcknowledged - _state.BaseSequence + 1, totalBatches, _applied, _held, _rejected, _reconnects, ack);

    private static bool IsTransient(Exception e) => e switch
    {
        RpcException r => r.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted
            or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.ResourceExhausted,
        IOException or HttpRequestException => true,
        _ => false,
    };
}
