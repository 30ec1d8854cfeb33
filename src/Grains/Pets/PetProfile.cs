using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A pet with its owner, signalment, weight history and "data as of" (when the PIMS last confirmed it).</summary>
[Immutable]
public sealed record PetProfile(
    string PetId,
    string OwnerClientId,
    string? PimsId,
    long? PimsVersion,
    Signalment Signalment,
    IReadOnlyList<WeightReading> WeightHistory,
    DateTimeOffset? DataAsOf,
    bool Deleted);
