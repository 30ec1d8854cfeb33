using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A vaccine given to a patient.</summary>
[Immutable]
public sealed record PimsVaccinationData(string PatientId, string Vaccine, DateOnly Given, DateOnly? Expires);
