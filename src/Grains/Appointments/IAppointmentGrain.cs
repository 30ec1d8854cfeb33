using VetActors.Actors;
using VetActors.Grains.Support;

namespace VetActors.Grains.Appointments;

/// <summary>
/// One appointment, keyed <c>clinic-42/appt/VA-7K3M9Q</c>. It enforces the virtual-care rules: the 15-minute
/// no-show wait and the 24-hour record deadline (both durable reminders), and keeps the payout state.
/// Every refused transition throws a <see cref="Common.RuleViolation"/> saying what is missing.
/// </summary>
[GrainType("appointment")]
public interface IAppointmentGrain : IGrainWithStringKey
{
    /// <summary>Books the appointment under this reference; <see cref="Common.AlreadyExistsException"/> if the reference is taken.</summary>
    Task<AppointmentView> BookAsync(BookAppointment booking);

    /// <summary>The appointment; <see cref="Common.NotFoundException"/> if none is booked under this reference.</summary>
    Task<AppointmentView> GetAsync();

    /// <summary>Moves a booked appointment to a new start (and its no-show timer with it).</summary>
    Task<AppointmentView> RescheduleAsync(DateTimeOffset start, TimeSpan duration);

    /// <summary>Cancels a booked appointment; its timers are removed and nothing fires afterwards.</summary>
    Task<AppointmentView> CancelAsync(string reason);

    /// <summary>Attaches a JPEG, PNG or PDF before the start.</summary>
    Task<AttachmentInfo> AttachAsync(AttachmentUpload upload);

    /// <summary>One attachment's content.</summary>
    Task<ReadOnlyMemory<byte>> GetAttachmentContentAsync(string attachmentId);

    /// <summary>The practitioner asks the client, before the start, for more files or information.</summary>
    Task RequestMoreInformationAsync(string message);

    /// <summary>A participant joins the call; the practitioner's punctuality is recorded.</summary>
    Task<AppointmentView> JoinAsync(CallParty party);

    /// <summary>The practitioner ends a call the client joined.</summary>
    Task<AppointmentView> EndCallAsync();

    /// <summary>The practitioner declares that the client did not show up (15 minutes after start or joining, whichever is later).</summary>
    Task<AppointmentView> DeclareNoShowAsync();

    /// <summary>Either side reports that the call failed technically; a call in progress ends.</summary>
    Task<AppointmentView> ReportTechnicalDifficultyAsync(CallParty reporter, string description);

    /// <summary>The practitioner completes the record after the call ended.</summary>
    Task<AppointmentView> CompleteRecordAsync(ClinicalRecord record);

    /// <summary>Applies the outcome of one of this appointment's support cases to its payout.</summary>
    Task<AppointmentView> ApplySupportDecisionAsync(string caseId, SupportOutcome outcome);
}
