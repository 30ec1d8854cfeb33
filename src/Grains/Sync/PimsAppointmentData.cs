using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>An appointment booked in the PIMS for a patient.</summary>
[Immutable]
public sealed record PimsAppointmentData(string PatientId, DateTimeOffset Start, int DurationMinutes, string Type, string Status, string? Provider);
