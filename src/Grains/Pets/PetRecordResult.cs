using VetActors.Actors.Concurrency;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Pets;

/// <summary>What the pet did with one record: applied, older than what it holds (stale), or partly held for review.</summary>
[Immutable]
public sealed record PetRecordResult(string RecordId, bool Stale, IReadOnlyList<HeldChange> Held);
