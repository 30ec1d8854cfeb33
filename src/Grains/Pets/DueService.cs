using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>An open service reminder as the owner sees it; <see cref="Overdue"/> when it was due before the clinic's today.</summary>
[Immutable]
public sealed record DueService(string PimsId, string Service, DateOnly DueDate, bool Overdue);
