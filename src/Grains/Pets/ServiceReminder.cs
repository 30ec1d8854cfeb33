using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A service due for a pet.</summary>
[Immutable]
public sealed record ServiceReminder(string PimsId, string Service, DateOnly DueDate, bool Completed);
