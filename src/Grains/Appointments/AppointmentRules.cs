namespace VetActors.Grains.Appointments;

/// <summary>The practice standards' time limits and the stable codes of the refusals they cause.</summary>
internal static class AppointmentRules
{
    /// <summary>The call opens a little before the start so that nobody is late for lack of a waiting room.</summary>
    internal static readonly TimeSpan JoinOpensBefore = TimeSpan.FromMinutes(10);

    /// <summary>Practice standard: stay at least 15 minutes before declaring a no-show.</summary>
    internal static readonly TimeSpan NoShowWait = TimeSpan.FromMinutes(15);

    /// <summary>Practice standard: complete the record within 24 hours of the call; warned 4 hours ahead.</summary>
    internal static readonly TimeSpan RecordDeadline = TimeSpan.FromHours(24);

    internal static readonly TimeSpan RecordWarning = TimeSpan.FromHours(20);

    internal static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(5);

    internal static readonly TimeSpan MaxDuration = TimeSpan.FromHours(4);

    internal const string NoShowReminder = "no-show-open";
    internal const string RecordWarningReminder = "record-warning";
    internal const string RecordDeadlineReminder = "record-deadline";

    internal const string WrongState = "appointment.wrong_state";
    internal const string TooEarly = "appointment.too_early";
    internal const string TooLate = "appointment.too_late";
    internal const string NoShowTooEarly = "appointment.no_show_too_early";
    internal const string NotAVeterinarian = "appointment.not_a_veterinarian";
    internal const string AlreadyReported = "appointment.already_reported";
    internal const string TooManyAttachments = "appointment.too_many_attachments";
    internal const string PayoutDecided = "appointment.payout_decided";
    internal const string RecordIncomplete = "appointment.record_incomplete";
}
