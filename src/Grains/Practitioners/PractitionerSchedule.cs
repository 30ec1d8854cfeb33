using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Practitioners;

/// <summary>A practitioner's bookings and pause state.</summary>
/// <param name="PauseCount">How many times the practitioner has been paused, ever.</param>
[Immutable]
public sealed record PractitionerSchedule(
    string PractitionerId,
    bool Enrolled,
    bool Paused,
    DateTimeOffset? PausedSince,
    int PauseCount,
    ImmutableArray<string> OverdueReferences,
    ImmutableArray<ScheduledBooking> Bookings);
