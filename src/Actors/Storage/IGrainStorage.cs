namespace VetActors.Actors.Storage;

/// <summary>
/// The provider contract behind <c>IPersistentState&lt;T&gt;</c> (Orleans' <c>IGrainStorage</c>, keyed by
/// a readable <see cref="GrainStateId"/> instead of hashes). Every method returns only once its effect is
/// durable.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a state; <c>null</c> when no row exists.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes when the stored version equals <paramref name="expectedEtag"/>; a <c>null</c> ETag means
    /// "insert, and fail if a row exists". Returns the new ETag; throws
    /// <see cref="InconsistentStateException"/> on a conflict.
    /// </summary>
    Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>
    /// Clears the payload under the same ETag rule, keeping the row so the version keeps increasing.
    /// Returns the new ETag, or <c>null</c> when there was nothing stored and <paramref name="expectedEtag"/> was <c>null</c>.
    /// </summary>
    Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken);
}
