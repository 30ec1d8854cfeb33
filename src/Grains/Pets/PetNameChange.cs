using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>
/// The audit record of a rename: the same animal (<see cref="PetId"/>, microchip) under its old and new name,
/// who renamed it and why, and the prescriptions flagged for re-writing.
/// </summary>
[Immutable]
public sealed record PetNameChange(
    string PetId,
    string? Microchip,
    string OldName,
    string NewName,
    string Reason,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    IReadOnlyList<string> FlaggedPrescriptionIds);
