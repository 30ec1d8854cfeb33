using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>What a pet's ID card shows: its signalment and the vaccines current on <see cref="IssuedOn"/> (the clinic's today).</summary>
[Immutable]
public sealed record PetIdCard(
    string PetId,
    Signalment Signalment,
    PetAge? Age,
    IReadOnlyList<Vaccination> CurrentVaccines,
    string ClinicName,
    string ClinicPhone,
    DateOnly IssuedOn);
