using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>Counts of the records received so far, and an estimate of the time left when the total is known.</summary>
[Immutable]
public sealed record ImportProgress(long Received, long Applied, long Held, long Rejected, long? Total, TimeSpan? EstimatedRemaining);
