using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A service due for a patient (vaccine booster, dental, check-up).</summary>
[Immutable]
public sealed record PimsServiceReminderData(string PatientId, string Service, DateOnly DueDate, bool Completed);
