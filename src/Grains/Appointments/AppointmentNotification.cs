using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Appointments;

/// <summary>A message to one participant of an appointment.</summary>
/// <param name="RecipientId">The practitioner's staff id or the client's id, as <paramref name="Recipient"/> says.</param>
[Immutable]
public sealed record AppointmentNotification(
    string ClinicId,
    string Reference,
    CallParty Recipient,
    string RecipientId,
    NotificationKind Kind,
    string Message,
    DateTimeOffset At);
