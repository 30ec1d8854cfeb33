using VetActors.Actors.Reminders;
using VetActors.Grains.Support;

namespace VetActors.Grains.Appointments;

internal sealed partial class AppointmentGrain
{
    /// <summary>
    /// Delivery is at least once (again after a crash), so each handler checks the state first and does its
    /// work only once; the grain's turns keep it from interleaving with a completion or a cancellation.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case AppointmentRules.NoShowReminder:
                await OnNoShowOptionDueAsync(status.CurrentTickTime);
                break;
            case AppointmentRules.RecordWarningReminder:
                await OnRecordWarningDueAsync(status.CurrentTickTime);
                break;
            case AppointmentRules.RecordDeadlineReminder:
                if (!await ApplyOverdueIfDueAsync())
                {
                    Log.ReminderIgnored(logger, Key, reminderName, status.CurrentTickTime, State.Status);
                }

                break;
            default:
                Log.ReminderIgnored(logger, Key, reminderName, status.CurrentTickTime, State.Status);
                break;
        }
    }

    private async Task OnNoShowOptionDueAsync(DateTimeOffset dueAt)
    {
        if (State is not { Status: AppointmentStatus.InCall, ClientJoinedAt: null, NoShowOptionNotified: false }
            || NoShowAllowedAt() is not { } allowedAt
            || time.GetUtcNow() < allowedAt)
        {
            // Booked but the practitioner has not joined (joining registers it again), or cancelled, or the client came.
            Log.ReminderIgnored(logger, Key, AppointmentRules.NoShowReminder, dueAt, State.Status);
            return;
        }

        State.NoShowOptionNotified = true;
        await SaveAsync();
        Log.NoShowOptionOpen(logger, Key);
        await NotifyAsync(
            CallParty.Practitioner,
            NotificationKind.NoShowOptionOpen,
            $"Your client has not joined appointment {Reference}; you may now declare a no-show.");
    }

    private async Task OnRecordWarningDueAsync(DateTimeOffset dueAt)
    {
        if (State is not { Status: AppointmentStatus.CallEnded, RecordWarningSent: false, RecordOverdue: false })
        {
            Log.ReminderIgnored(logger, Key, AppointmentRules.RecordWarningReminder, dueAt, State.Status);
            return;
        }

        State.RecordWarningSent = true;
        await SaveAsync();
        await NotifyAsync(
            CallParty.Practitioner,
            NotificationKind.RecordDeadlineWarning,
            $"Complete the record of appointment {Reference} by {RecordDueAt():O} to avoid being paused.");
    }

    /// <summary>Makes the record overdue if its deadline has passed and it is not done yet; returns whether it did.</summary>
    private async Task<bool> ApplyOverdueIfDueAsync()
    {
        if (State is not { Status: AppointmentStatus.CallEnded, RecordOverdue: false } || RecordDueAt() is not { } dueAt || time.GetUtcNow() < dueAt)
        {
            return false;
        }

        // Both calls are idempotent, so a crash before the save below repeats them harmlessly: the practitioner
        // is paused once and one case is opened.
        var supportCase = await SupportDesk.OpenAsync(new OpenSupportCase(
            SupportCaseKind.RecordOverdue, Reference, State.PractitionerId, "system", $"The record of appointment {Reference} was due at {dueAt:O}."));
        var pauseBegan = await Practitioner.MarkOverdueAsync(Reference);
        State.RecordOverdue = true;
        State.Payout = PayoutState.Held;
        State.PayoutCaseId = supportCase.CaseId;
        AddCase(supportCase.CaseId);
        await SaveAsync();
        Log.RecordOverdue(logger, Key, dueAt, State.PractitionerId, pauseBegan);
        await NotifyAsync(
            CallParty.Practitioner,
            NotificationKind.RecordOverdue,
            $"The record of appointment {Reference} is overdue: new bookings are paused and the payout is held until it is complete and support decides.");
        return true;
    }

    private DateTimeOffset? RecordDueAt() =>
        State.Status is AppointmentStatus.CallEnded or AppointmentStatus.Completed && State.CallEndedAt is { } ended
            ? ended + AppointmentRules.RecordDeadline
            : null;

}
