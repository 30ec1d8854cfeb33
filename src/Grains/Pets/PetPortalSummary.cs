using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Pets;

/// <summary>A pet on the portal home: its signalment, its visible upcoming appointments (soonest first) and its services due.</summary>
[Immutable]
public sealed record PetPortalSummary(
    string PetId, Signalment Signalment, IReadOnlyList<PetAppointment> UpcomingAppointments, IReadOnlyList<ServiceReminder> ServicesDue);
