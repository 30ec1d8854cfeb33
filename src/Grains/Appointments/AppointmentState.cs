using VetActors.Grains.Support;

namespace VetActors.Grains.Appointments;

internal sealed class AppointmentState
{
    public AppointmentStatus Status { get; set; }

    public string ClientId { get; set; } = "";

    public string PetId { get; set; } = "";

    public string PractitionerId { get; set; } = "";

    public DateTimeOffset Start { get; set; }

    public TimeSpan Duration { get; set; }

    public AppointmentKind Kind { get; set; }

    public DateTimeOffset? PractitionerJoinedAt { get; set; }

    public DateTimeOffset? ClientJoinedAt { get; set; }

    public DateTimeOffset? CallEndedAt { get; set; }

    public bool NoShowOptionNotified { get; set; }

    public bool RecordWarningSent { get; set; }

    public bool RecordOverdue { get; set; }

    /// <summary>Whether a late completion has cleared the overdue record at the practitioner.</summary>
    public bool OverdueCleared { get; set; }

    public DateTimeOffset? RecordCompletedAt { get; set; }

    public ClinicalRecord? Record { get; set; }

    public bool TechnicalDifficultyReported { get; set; }

    /// <summary>The support case the payout waits for (no-show, technical difficulty or overdue record).</summary>
    public string? PayoutCaseId { get; set; }

    public List<string> SupportCaseIds { get; set; } = [];

    /// <summary>Support decisions applied, by case, so that a repeated decision is recognised.</summary>
    public Dictionary<string, SupportOutcome> DecidedCases { get; set; } = new(StringComparer.Ordinal);

    public PayoutState Payout { get; set; }

    public string? CancellationReason { get; set; }

    public List<AttachmentInfo> Attachments { get; set; } = [];
}
