using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>
/// The pet's answer to an update: what it did with each record, and the owner and presence it holds afterwards
/// (decided by the newest patient record it has applied, never by an older one), so the owner's list follows it.
/// </summary>
[Immutable]
public sealed record PetApplyResult(IReadOnlyList<PetRecordResult> Records, string? OwnerClientId, bool Listed);
