using Microsoft.Extensions.Logging;

namespace VetActors.Grains.Appointments;

internal sealed partial class AppointmentGrain
{
    // Event ids 7100-7199: appointments.
    private static partial class Log
    {
        [LoggerMessage(7100, LogLevel.Information, "Appointment {Key} booked with practitioner {PractitionerId} at {Start}")]
        internal static partial void Booked(ILogger logger, string key, string practitionerId, DateTimeOffset start);

        [LoggerMessage(7101, LogLevel.Information, "Appointment {Key}: no-show may now be declared")]
        internal static partial void NoShowOptionOpen(ILogger logger, string key);

        [LoggerMessage(7102, LogLevel.Warning, "Appointment {Key}: record overdue since {DueAt}; practitioner {PractitionerId} paused (pause began: {PauseBegan})")]
        internal static partial void RecordOverdue(ILogger logger, string key, DateTimeOffset dueAt, string practitionerId, bool pauseBegan);

        [LoggerMessage(7103, LogLevel.Debug, "Appointment {Key}: reminder {Reminder} due {DueAt} has nothing to do in status {Status}")]
        internal static partial void ReminderIgnored(ILogger logger, string key, string reminder, DateTimeOffset dueAt, AppointmentStatus status);

        [LoggerMessage(7104, LogLevel.Information, "Appointment {Key}: overdue record completed; practitioner pause lifted: {PauseLifted}")]
        internal static partial void OverdueRecordCompleted(ILogger logger, string key, bool pauseLifted);
    }
}
