using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// A change from the PIMS waiting for staff, with the record that proposed it. <see cref="SubjectId"/> is the
/// client or pet id; for an ambiguous match, <see cref="Candidates"/> are the existing clients that matched.
/// </summary>
[Immutable]
public sealed record ReviewItem(
    string Id,
    ReviewKind Kind,
    string? SubjectId,
    string PimsId,
    string? Current,
    string? Proposed,
    IReadOnlyList<string> Candidates,
    PimsRecord Record,
    DateTimeOffset HeldAt,
    ReviewStatus Status = ReviewStatus.Open,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? Note = null);
