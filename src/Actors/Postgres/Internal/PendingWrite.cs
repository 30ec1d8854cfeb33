using VetActors.Actors.Storage;

namespace VetActors.Actors.Postgres.Internal;

/// <summary>
/// One write waiting for its transaction. The completion carries the new version, or <c>null</c> when the fence
/// did not match (the caller turns that into an <see cref="InconsistentStateException"/>).
/// </summary>
internal sealed class PendingWrite(GrainStateId id, ReadOnlyMemory<byte> payload, long? expectedVersion, DateTimeOffset modifiedAt, CancellationToken cancellationToken)
{
    public GrainStateId Id { get; } = id;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public long? ExpectedVersion { get; } = expectedVersion;

    public DateTimeOffset ModifiedAt { get; } = modifiedAt;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Orders writes by key so that concurrent batches lock rows in one order and cannot deadlock.</summary>
    public static int CompareByKey(PendingWrite a, PendingWrite b)
    {
        var c = string.CompareOrdinal(a.Id.ServiceId, b.Id.ServiceId);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Id.GrainType, b.Id.GrainType);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Id.GrainKey, b.Id.GrainKey);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Id.StateName, b.Id.StateName);
    }
}
