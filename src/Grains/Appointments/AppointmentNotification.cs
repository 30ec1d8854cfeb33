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
    DateTimeOffset At)
{
    /// <summary>The pet the appointment is for, on messages to its owner: the outbox withholds them once the pet is deceased.</summary>
    public string? PetId { get; init; }
}
