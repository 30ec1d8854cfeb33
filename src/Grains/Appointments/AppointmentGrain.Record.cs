using VetActors.Grains.Common;
using VetActors.Grains.Support;

namespace VetActors.Grains.Appointments;

internal sealed partial class AppointmentGrain
{
    public async Task<AppointmentView> CompleteRecordAsync(ClinicalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        EnsureBooked();
        if (State.Status is not AppointmentStatus.CallEnded)
        {
            throw new RuleViolation(
                AppointmentRules.WrongState,
                State.Status is AppointmentStatus.Completed
                    ? $"The record of appointment {Reference} was completed at {State.RecordCompletedAt:O}."
                    : $"Appointment {Reference} is {State.Status}; the record is completed after the call has ended.");
        }

        var missing = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(record.Notes))
        {
            missing.Add(new FieldViolation("notes", "must not be empty."));
        }

        if (string.IsNullOrWhiteSpace(record.MedicalRecord))
        {
            missing.Add(new FieldViolation("medical_record", "must not be empty."));
        }

        if (missing.Count > 0)
        {
            throw new ValidationException(missing);
        }

        // A completion at or after the deadline whose reminder has not been delivered yet is late all the
        // same: the overdue transition runs first, in this turn, and the reminder later finds it done. So a
        // completion and the deadline at the same instant give one outcome, decided by the clock.
        await ApplyOverdueIfDueAsync();

        State.Record = record with
        {
            Prescriptions = record.Prescriptions.IsDefault ? [] : record.Prescriptions,
            FollowUpRequests = record.FollowUpRequests.IsDefault ? [] : record.FollowUpRequests,
        };
        State.RecordCompletedAt = time.GetUtcNow();
        State.Status = AppointmentStatus.Completed;
        if (State.Payout is PayoutState.NotYetDue)
        {
            State.Payout = PayoutState.DueInFull;
        }

        await SaveAsync();
        await UnregisterAsync(AppointmentRules.RecordWarningReminder);
        await UnregisterAsync(AppointmentRules.RecordDeadlineReminder);
        if (State.RecordOverdue)
        {
            await FinishOverdueCompletionAsync();
        }
        else
        {
            await Practitioner.ReleaseAsync(Reference);
        }

        return View();
    }

    public async Task<AppointmentView> ApplySupportDecisionAsync(string caseId, SupportOutcome outcome)
    {
        EnsureBooked();
        if (!State.SupportCaseIds.Contains(caseId))
        {
            throw new NotFoundException("appointment.case_not_found", $"Support case {caseId} is not about appointment {Reference}.");
        }

        if (State.DecidedCases.TryGetValue(caseId, out var decided))
        {
            return decided == outcome
                ? View()
                : throw new RuleViolation(AppointmentRules.PayoutDecided, $"Support case {caseId} was already decided {decided}.");
        }

        if (State.PayoutCaseId != caseId)
        {
            // A superseded case (a technical difficulty on a record that then went overdue) decides nothing.
            State.DecidedCases[caseId] = outcome;
            await SaveAsync();
            return View();
        }

        State.Payout = (State.Payout, outcome) switch
        {
            (PayoutState.AwaitingSupportDecision, SupportOutcome.FavourPractitioner) => PayoutState.Partial,
            (PayoutState.Held, SupportOutcome.FavourPractitioner) when State.Status is AppointmentStatus.Completed => PayoutState.Released,
            (PayoutState.Held, _) when State.Status is not AppointmentStatus.Completed =>
                throw new RuleViolation(AppointmentRules.RecordIncomplete, $"The record of appointment {Reference} is still overdue; a held payout is decided once it is complete."),
            (PayoutState.AwaitingSupportDecision or PayoutState.Held, SupportOutcome.AgainstPractitioner) => PayoutState.NotPayable,
            _ => throw new RuleViolation(AppointmentRules.PayoutDecided, $"The payout of appointment {Reference} is already {State.Payout}."),
        };
        State.DecidedCases[caseId] = outcome;
        await SaveAsync();
        return View();
    }

    private async Task FinishOverdueCompletionAsync()
    {
        var lifted = await Practitioner.ClearOverdueAsync(Reference);
        await Practitioner.ReleaseAsync(Reference);
        State.OverdueCleared = true;
        await SaveAsync();
        Log.OverdueRecordCompleted(logger, Key, lifted);
    }
}
