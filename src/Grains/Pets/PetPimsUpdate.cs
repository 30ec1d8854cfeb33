using VetActors.Actors.Concurrency;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Pets;

/// <summary>
/// The records of one batch for one pet, in order, and the policy to apply them under. <paramref name="OwnerClientId"/>
/// is the client named by the newest patient record among them; it becomes the pet's owner only if that record is
/// newer than the version the pet holds.
/// </summary>
[Immutable]
public sealed record PetPimsUpdate(string OwnerClientId, IReadOnlyList<PimsRecord> Records, SyncPolicy Policy);
