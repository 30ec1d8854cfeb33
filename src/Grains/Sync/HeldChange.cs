using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A field change from the PIMS that waits for staff: the field, its value now and the value proposed.</summary>
[Immutable]
public sealed record HeldChange(ReviewKind Kind, string? Current, string? Proposed);
