using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Practitioners;

/// <summary>One booking in a practitioner's schedule; <paramref name="Flagged"/> when booked before a pause began.</summary>
[Immutable]
public sealed record ScheduledBooking(string Reference, DateTimeOffset Start, DateTimeOffset End, bool Flagged);
