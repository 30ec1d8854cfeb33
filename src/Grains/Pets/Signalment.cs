using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A pet's description as the PIMS holds it (read-only for clients).</summary>
[Immutable]
public sealed record Signalment(
    string Name,
    string Species,
    string? Breed,
    string? Sex,
    DateOnly? BirthDate,
    WeightReading? Weight,
    string? Colour,
    string? Microchip,
    bool Deceased,
    DateOnly? DeceasedDate);
