namespace VetActors.Grains.Appointments;

internal sealed partial class AppointmentGrain
{
    private AppointmentView View() =>
        new(
            ClinicId,
            Reference,
            State.ClientId,
            State.PetId,
            State.PractitionerId,
            State.Start,
            State.Duration,
            State.Kind,
            State.Status,
            State.PractitionerJoinedAt,
            State.ClientJoinedAt,
            State.CallEndedAt,
            State.PractitionerJoinedAt > State.Start,
            State.Status is AppointmentStatus.Booked or AppointmentStatus.InCall ? NoShowAllowedAt() : null,
            RecordDueAt(),
            State.RecordOverdue,
            State.RecordCompletedAt,
            State.Record,
            State.TechnicalDifficultyReported,
            [.. State.SupportCaseIds],
            State.Payout,
            [.. State.Attachments]);
}
