using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Appointments;

/// <summary>What booking an appointment needs; the clinic and reference come from the grain key.</summary>
[Immutable]
public sealed record BookAppointment(
    string ClientId,
    string PetId,
    string PractitionerId,
    DateTimeOffset Start,
    TimeSpan Duration,
    AppointmentKind Kind);
