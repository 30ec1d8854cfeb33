using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A patient (pet) as the PIMS holds it; <see cref="ClientId"/> is the owner's PIMS id.</summary>
[Immutable]
public sealed record PimsPatientData(
    string ClientId,
    string Name,
    string Species,
    string? Breed,
    string? Sex,
    DateOnly? BirthDate,
    decimal? Weight,
    string? WeightUnit,
    DateOnly? WeightDate,
    string? Colour,
    string? Microchip,
    bool Deceased,
    DateOnly? DeceasedDate);
