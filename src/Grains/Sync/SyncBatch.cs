using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// A numbered batch of records. Sequences start at 1 and increase by one; <see cref="EndOfImport"/> marks the
/// last batch of a full import (patients still waiting for their client are rejected then).
/// </summary>
[Immutable]
public sealed record SyncBatch(long Sequence, IReadOnlyList<PimsRecord> Records, bool EndOfImport = false);
