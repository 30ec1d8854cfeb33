using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>An appointment of a pet; <see cref="StaffFlag"/> says why staff must look at it (a deceased patient).</summary>
[Immutable]
public sealed record PetAppointment(string PimsId, DateTimeOffset Start, int DurationMinutes, string Type, string Status, string? Provider, string? StaffFlag);
