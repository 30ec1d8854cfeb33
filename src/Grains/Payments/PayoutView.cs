using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A practitioner's payout for one appointment, as last settled from the appointment's payout state.</summary>
[Immutable]
public sealed record PayoutView(
    string AppointmentReference,
    string PractitionerId,
    Appointments.PayoutState AppointmentPayout,
    PayoutStatus Status,
    Money Amount,
    string? PayoutBatchId,
    DateTimeOffset SettledAt);
