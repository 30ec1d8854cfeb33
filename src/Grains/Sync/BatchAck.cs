using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// The acknowledgement of a batch, sent only once its effects are durable. <see cref="Replayed"/> is set when the
/// batch had been applied before and this is the stored answer. <see cref="ResyncRequested"/> tells the open stream
/// that staff (or the server) want everything re-sent, so it can say so without waiting for a heartbeat.
/// </summary>
[Immutable]
public sealed record BatchAck(
    long Sequence,
    IReadOnlyList<RecordOutcome> Applied,
    IReadOnlyList<RecordOutcome> Held,
    IReadOnlyList<RecordOutcome> Rejected,
    bool Replayed = false,
    bool ResyncRequested = false);
