using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Events;

/// <summary>What one applied batch did: how many of its records applied, were held for review, were rejected.</summary>
[Immutable]
public sealed record SyncBatchSummary(long Sequence, int Applied, int Held, int Rejected);
