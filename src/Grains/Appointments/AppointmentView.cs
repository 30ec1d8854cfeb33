using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Appointments;

/// <summary>An appointment as its participants and staff see it.</summary>
[Immutable]
public sealed record AppointmentView(
    string ClinicId,
    string Reference,
    string ClientId,
    string PetId,
    string PractitionerId,
    DateTimeOffset Start,
    TimeSpan Duration,
    AppointmentKind Kind,
    AppointmentStatus Status,
    DateTimeOffset? PractitionerJoinedAt,
    DateTimeOffset? ClientJoinedAt,
    DateTimeOffset? CallEndedAt,
    bool PractitionerLate,
    DateTimeOffset? NoShowAllowedAt,
    DateTimeOffset? RecordDueAt,
    bool RecordOverdue,
    DateTimeOffset? RecordCompletedAt,
    ClinicalRecord? Record,
    bool TechnicalDifficultyReported,
    ImmutableArray<string> SupportCaseIds,
    PayoutState Payout,
    ImmutableArray<AttachmentInfo> Attachments);
