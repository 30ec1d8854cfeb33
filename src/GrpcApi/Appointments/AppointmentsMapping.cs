using Google.Protobuf.WellKnownTypes;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;
using VetActors.Grains.Support;
using Proto = VetActors.Protos.Appointments.V1;

namespace VetActors.GrpcApi.Appointments;

/// <summary>Appointment and support-case records to and from their protos.</summary>
internal static class AppointmentsMapping
{
    public static Proto.Practitioner ToProto(this PractitionerSchedule p, string name) => new()
    {
        UserId = p.PractitionerId,
        Name = name,
        Enrolled = p.Enrolled,
        Paused = p.Paused,
        PausedSince = p.PausedSince is { } since ? Timestamp.FromDateTimeOffset(since) : null,
    };

    public static Proto.Appointment ToProto(this AppointmentView a) => new()
    {
        Reference = a.Reference,
        ClientId = a.ClientId,
        PetId = a.PetId,
        PractitionerId = a.PractitionerId,
        Start = Timestamp.FromDateTimeOffset(a.Start),
        Duration = Duration.FromTimeSpan(a.Duration),
        Kind = a.Kind switch
        {
            AppointmentKind.Virtual => Proto.AppointmentKind.Virtual,
            AppointmentKind.InClinic => Proto.AppointmentKind.InClinic,
            _ => Proto.AppointmentKind.Unspecified,
        },
        Status = a.Status switch
        {
            AppointmentStatus.Booked => Proto.AppointmentStatus.Booked,
            AppointmentStatus.InCall => Proto.AppointmentStatus.InCall,
            AppointmentStatus.CallEnded => Proto.AppointmentStatus.CallEnded,
            AppointmentStatus.Completed => Proto.AppointmentStatus.Completed,
            AppointmentStatus.NoShow => Proto.AppointmentStatus.NoShow,
            AppointmentStatus.Cancelled => Proto.AppointmentStatus.Cancelled,
            _ => Proto.AppointmentStatus.Unspecified,
        },
        PractitionerJoinedAt = ToTimestamp(a.PractitionerJoinedAt),
        ClientJoinedAt = ToTimestamp(a.ClientJoinedAt),
        CallEndedAt = ToTimestamp(a.CallEndedAt),
        PractitionerLate = a.PractitionerLate,
        NoShowAllowedAt = ToTimestamp(a.NoShowAllowedAt),
        RecordDueAt = ToTimestamp(a.RecordDueAt),
        RecordOverdue = a.RecordOverdue,
        RecordCompletedAt = ToTimestamp(a.RecordCompletedAt),
        Record = a.Record is { } record ? record.ToProto() : null,
        TechnicalDifficultyReported = a.TechnicalDifficultyReported,
        SupportCaseIds = { a.SupportCaseIds },
        Payout = a.Payout.ToProto(),
        Attachments = { a.Attachments.Select(ToProto) },
    };

    public static Proto.Attachment ToProto(this AttachmentInfo a) => new()
    {
        AttachmentId = a.AttachmentId,
        FileName = a.FileName,
        ContentType = a.ContentType,
        Size = a.Size,
        AttachedAt = Timestamp.FromDateTimeOffset(a.AttachedAt),
    };

    public static Proto.ClinicalRecord ToProto(this ClinicalRecord r) => new()
    {
        Notes = r.Notes,
        MedicalRecord = r.MedicalRecord,
        Prescriptions = { r.Prescriptions },
        FollowUpRequests = { r.FollowUpRequests },
    };

    public static ClinicalRecord ToDomain(this Proto.ClinicalRecord? r) => r is null
        ? new ClinicalRecord(string.Empty, string.Empty, [], [])
        : new ClinicalRecord(r.Notes, r.MedicalRecord, [.. r.Prescriptions], [.. r.FollowUpRequests]);

    public static BookAppointment ToDomain(this Proto.BookAppointmentRequest request, string clientId) => new(
        clientId,
        request.PetId,
        request.PractitionerId,
        Required(request.Start, "start").ToDateTimeOffset(),
        Required(request.Duration, "duration").ToTimeSpan(),
        request.Kind switch
        {
            Proto.AppointmentKind.Virtual => AppointmentKind.Virtual,
            Proto.AppointmentKind.InClinic => AppointmentKind.InClinic,
            _ => throw new ValidationException("kind", "Choose a virtual or an in-clinic appointment."),
        });

    public static Proto.PayoutState ToProto(this PayoutState payout) => payout switch
    {
        PayoutState.NotYetDue => Proto.PayoutState.NotYetDue,
        PayoutState.DueInFull => Proto.PayoutState.DueInFull,
        PayoutState.AwaitingSupportDecision => Proto.PayoutState.AwaitingSupportDecision,
        PayoutState.Partial => Proto.PayoutState.Partial,
        PayoutState.Held => Proto.PayoutState.Held,
        PayoutState.Released => Proto.PayoutState.Released,
        PayoutState.NotPayable => Proto.PayoutState.NotPayable,
        _ => Proto.PayoutState.Unspecified,
    };

    public static Proto.SupportCase ToProto(this SupportCase c) => new()
    {
        CaseId = c.CaseId,
        Kind = c.Kind switch
        {
            SupportCaseKind.NoShow => Proto.SupportCaseKind.NoShow,
            SupportCaseKind.TechnicalDifficulty => Proto.SupportCaseKind.TechnicalDifficulty,
            SupportCaseKind.RecordOverdue => Proto.SupportCaseKind.RecordOverdue,
            SupportCaseKind.PractitionerRequest => Proto.SupportCaseKind.PractitionerRequest,
            _ => Proto.SupportCaseKind.Unspecified,
        },
        AppointmentReference = c.AppointmentReference ?? string.Empty,
        PractitionerId = c.PractitionerId,
        OpenedBy = c.OpenedBy,
        Description = c.Description,
        OpenedAt = Timestamp.FromDateTimeOffset(c.OpenedAt),
        Outcome = c.Outcome switch
        {
            SupportOutcome.FavourPractitioner => Proto.SupportOutcome.FavourPractitioner,
            SupportOutcome.AgainstPractitioner => Proto.SupportOutcome.AgainstPractitioner,
            _ => Proto.SupportOutcome.Unspecified,
        },
        ResolvedBy = c.ResolvedBy ?? string.Empty,
        ResolutionNote = c.ResolutionNote ?? string.Empty,
        ResolvedAt = ToTimestamp(c.ResolvedAt),
    };

    public static SupportOutcome ToDomain(this Proto.SupportOutcome outcome) => outcome switch
    {
        Proto.SupportOutcome.FavourPractitioner => SupportOutcome.FavourPractitioner,
        Proto.SupportOutcome.AgainstPractitioner => SupportOutcome.AgainstPractitioner,
        _ => throw new ValidationException("outcome", "Choose in the practitioner's favour or against."),
    };

    private static Timestamp? ToTimestamp(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    private static T Required<T>(T? value, string field) where T : class =>
        value ?? throw new ValidationException(field, $"{field} is required.");
}
