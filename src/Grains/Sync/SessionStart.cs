using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// The answer to a hello: the session id, the last sequence durably applied (the agent resumes after it), whether
/// the server wants everything re-sent, and the flow limits the agent must respect.
/// </summary>
[Immutable]
public sealed record SessionStart(
    string SessionId,
    long LastAppliedSequence,
    bool ResyncRequested,
    int MaxUnacknowledgedBatches,
    int MaxRecordsPerBatch,
    TimeSpan HeartbeatInterval);
