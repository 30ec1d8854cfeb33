using VetActors.Actors.Concurrency;
using VetActors.Grains.Clinics;

namespace VetActors.Grains.Pets;

/// <summary>
/// What a pet is asked for on the portal: the instant and the clinic's date it is asked at, the clinic's appointment
/// visibility, and whether services due are shown at all.
/// </summary>
[Immutable]
public sealed record PortalWindow(DateTimeOffset Now, DateOnly Today, AppointmentVisibility Appointments, bool ServicesDue);
