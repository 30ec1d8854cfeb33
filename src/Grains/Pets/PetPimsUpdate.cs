using VetActors.Actors.Concurrency;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Pets;

/// <summary>The records of one batch for one pet, in order, with its owner and the policy to apply them under.</summary>
[Immutable]
public sealed record PetPimsUpdate(string OwnerClientId, IReadOnlyList<PimsRecord> Records, SyncPolicy Policy);
