using VetActors.Grains.Common;
using VetActors.Grains.Support;

namespace VetActors.Grains.Appointments;

internal sealed partial class AppointmentGrain
{
    public async Task<AppointmentView> JoinAsync(CallParty party)
    {
        EnsureBooked();
        if (State.Status is not (AppointmentStatus.Booked or AppointmentStatus.InCall))
        {
            throw new RuleViolation(AppointmentRules.WrongState, $"Appointment {Reference} is {State.Status}; its call can no longer be joined.");
        }

        var now = time.GetUtcNow();
        var opens = State.Start - AppointmentRules.JoinOpensBefore;
        if (now < opens)
        {
            throw new RuleViolation(AppointmentRules.TooEarly, $"The call of appointment {Reference} opens at {opens:O}, in {Describe(opens - now)}.");
        }

        // Rejoining after a dropped connection keeps the first join time: punctuality and the no-show wait count from it.
        if (party is CallParty.Practitioner && State.PractitionerJoinedAt is null)
        {
            State.PractitionerJoinedAt = now;
            if (State.ClientJoinedAt is null)
            {
                await RegisterOrUpdateOneShotReminder(AppointmentRules.NoShowReminder, NoShowAllowedAt()!.Value);
            }
        }
        else if (party is CallParty.Client && State.ClientJoinedAt is null)
        {
            State.ClientJoinedAt = now;
        }

        State.Status = AppointmentStatus.InCall;
        await SaveAsync();
        if (party is CallParty.Client)
        {
            await UnregisterAsync(AppointmentRules.NoShowReminder);
        }

        return View();
    }

    public async Task<AppointmentView> EndCallAsync()
    {
        Require(AppointmentStatus.InCall, "end its call");
        if (State.ClientJoinedAt is null)
        {
            throw new RuleViolation(
                AppointmentRules.WrongState,
                $"The client has not joined appointment {Reference}; wait for them or declare a no-show from {NoShowAllowedAt():O}.");
        }

        if (State.PractitionerJoinedAt is null)
        {
            throw new RuleViolation(AppointmentRules.WrongState, $"The practitioner has not joined appointment {Reference}.");
        }

        await EndCallCoreAsync();
        return View();
    }

    public async Task<AppointmentView> DeclareNoShowAsync()
    {
        Require(AppointmentStatus.InCall, "be declared a no-show");
        if (State.ClientJoinedAt is { } clientJoined)
        {
            throw new RuleViolation(AppointmentRules.WrongState, $"The client joined appointment {Reference} at {clientJoined:O}; it is not a no-show.");
        }

        if (NoShowAllowedAt() is not { } allowedAt)
        {
            throw new RuleViolation(AppointmentRules.WrongState, $"The practitioner must join appointment {Reference} and wait {AppointmentRules.NoShowWait.TotalMinutes:0} minutes before declaring a no-show.");
        }

        var now = time.GetUtcNow();
        if (now < allowedAt)
        {
            throw new RuleViolation(
                AppointmentRules.NoShowTooEarly,
                $"A no-show can be declared {AppointmentRules.NoShowWait.TotalMinutes:0} minutes after the later of the start and the practitioner joining: at {allowedAt:O}, in {Describe(allowedAt - now)}.");
        }

        // The case is opened before the state is saved; opening is idempotent, so a retry after a crash finds it.
        var supportCase = await SupportDesk.OpenAsync(new OpenSupportCase(
            SupportCaseKind.NoShow, Reference, State.PractitionerId, State.PractitionerId, $"The client did not join appointment {Reference} by {now:O}."));
        State.Status = AppointmentStatus.NoShow;
        State.CallEndedAt = now;
        State.PayoutCaseId = supportCase.CaseId;
        AddCase(supportCase.CaseId);
        State.Payout = PayoutState.AwaitingSupportDecision;
        await SaveAsync();
        await UnregisterAsync(AppointmentRules.NoShowReminder);
        await Practitioner.ReleaseAsync(Reference);
        return View();
    }

    public async Task<AppointmentView> ReportTechnicalDifficultyAsync(CallParty reporter, string description)
    {
        EnsureBooked();
        if (State.Status is not (AppointmentStatus.InCall or AppointmentStatus.CallEnded))
        {
            throw new RuleViolation(AppointmentRules.WrongState, $"Appointment {Reference} is {State.Status}; technical difficulties are reported during the call or before its record is complete.");
        }

        if (State.TechnicalDifficultyReported)
        {
            throw new RuleViolation(AppointmentRules.AlreadyReported, $"A technical difficulty was already reported for appointment {Reference}.");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            throw new ValidationException("description", "must say what went wrong.");
        }

        var reporterId = reporter is CallParty.Client ? State.ClientId : State.PractitionerId;
        var supportCase = await SupportDesk.OpenAsync(new OpenSupportCase(
            SupportCaseKind.TechnicalDifficulty, Reference, State.PractitionerId, reporterId, description));
        State.TechnicalDifficultyReported = true;
        AddCase(supportCase.CaseId);

        // An overdue record's held payout stays held: that case decides.
        if (!State.RecordOverdue)
        {
            State.PayoutCaseId = supportCase.CaseId;
            State.Payout = PayoutState.AwaitingSupportDecision;
        }

        if (State.Status is AppointmentStatus.InCall)
        {
            // The call could not go on: it ends now, and the record is still owed for what took place.
            await EndCallCoreAsync();
        }
        else
        {
            await SaveAsync();
        }

        return View();
    }

    private async Task EndCallCoreAsync()
    {
        var now = time.GetUtcNow();

        // Deadlines are registered before the state that needs them is saved: a crash in between leaves a
        // reminder that finds nothing to do, never an ended call without a deadline.
        await RegisterOrUpdateOneShotReminder(AppointmentRules.RecordWarningReminder, now + AppointmentRules.RecordWarning);
        await RegisterOrUpdateOneShotReminder(AppointmentRules.RecordDeadlineReminder, now + AppointmentRules.RecordDeadline);
        State.CallEndedAt = now;
        State.Status = AppointmentStatus.CallEnded;
        await SaveAsync();
        await UnregisterAsync(AppointmentRules.NoShowReminder);
    }

    private DateTimeOffset? NoShowAllowedAt() =>
        State.PractitionerJoinedAt is { } joined
            ? (joined > State.Start ? joined : State.Start) + AppointmentRules.NoShowWait
            : null;

    private void AddCase(string caseId)
    {
        if (!State.SupportCaseIds.Contains(caseId))
        {
            State.SupportCaseIds.Add(caseId);
        }
    }

    private static string Describe(TimeSpan remaining)
    {
        var seconds = (long)Math.Ceiling(remaining.TotalSeconds);
        return seconds >= 60 ? $"{seconds / 60} min {seconds % 60} s" : $"{seconds} s";
    }
}
