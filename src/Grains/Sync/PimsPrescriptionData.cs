using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A prescription for a patient; <see cref="Status"/> is <c>active</c> while it can be filled.</summary>
[Immutable]
public sealed record PimsPrescriptionData(string PatientId, string Drug, string Status);
