using System.Collections.Immutable;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Practitioners;

internal sealed class PractitionerGrain(
    [PersistentState("schedule")] IPersistentState<PractitionerState> schedule,
    TimeProvider time) : Grain, IPractitionerGrain
{
    private PractitionerState State => schedule.State;

    private string PractitionerId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    public async Task<PractitionerSchedule> EnrollAsync(string enrolledBy)
    {
        if (State.EnrolledAt is null)
        {
            State.EnrolledAt = time.GetUtcNow();
            State.EnrolledBy = enrolledBy;
            await SaveAsync(new AuditRecord(AuditActors.Staff(enrolledBy), "practitioner.enrolled", PractitionerId, "not enrolled", "enrolled"));
        }

        return Schedule();
    }

    public async Task<PractitionerSchedule> WithdrawAsync(string withdrawnBy)
    {
        if (State.EnrolledAt is not null)
        {
            State.EnrolledAt = null;
            State.EnrolledBy = withdrawnBy;
            await SaveAsync(new AuditRecord(AuditActors.Staff(withdrawnBy), "practitioner.withdrawn", PractitionerId, "enrolled", "not enrolled"));
        }

        return Schedule();
    }

    public async Task ReserveAsync(string reference, DateTimeOffset start, TimeSpan duration)
    {
        if (State.Bookings.TryGetValue(reference, out var existing) && existing.Start == start && existing.End == start + duration)
        {
            return;
        }

        if (State.PausedSince is { } since)
        {
            throw new RuleViolation(
                "practitioner.paused",
                $"Practitioner {PractitionerId} has been paused since {since:O} until overdue records ({string.Join(", ", State.Overdue.Order(StringComparer.Ordinal))}) are completed.");
        }

        EnsureFree(reference, start, start + duration);
        State.Bookings[reference] = new PractitionerState.BookingSlot { Start = start, End = start + duration };
        await SaveAsync();
    }

    public async Task MoveAsync(string reference, DateTimeOffset start, TimeSpan duration)
    {
        if (!State.Bookings.TryGetValue(reference, out var slot))
        {
            throw new NotFoundException("practitioner.booking_not_found", $"Practitioner {PractitionerId} holds no booking {reference}.");
        }

        EnsureFree(reference, start, start + duration);
        slot.Start = start;
        slot.End = start + duration;
        await SaveAsync();
    }

    public async Task ReleaseAsync(string reference)
    {
        if (State.Bookings.Remove(reference))
        {
            await SaveAsync();
        }
    }

    public async Task<bool> MarkOverdueAsync(string reference)
    {
        if (!State.Overdue.Add(reference))
        {
            return false;
        }

        var began = State.PausedSince is null;
        if (began)
        {
            var now = time.GetUtcNow();
            State.PausedSince = now;
            State.PauseCount++;

            // Existing upcoming bookings stay, flagged so the clinic can decide what to do with them.
            foreach (var slot in State.Bookings.Values.Where(s => s.Start >= now))
            {
                slot.Flagged = true;
            }
        }

        await SaveAsync();
        return began;
    }

    public async Task<bool> ClearOverdueAsync(string reference)
    {
        if (!State.Overdue.Remove(reference))
        {
            return false;
        }

        var lifted = State.Overdue.Count == 0 && State.PausedSince is not null;
        if (lifted)
        {
            State.PausedSince = null;
            foreach (var slot in State.Bookings.Values)
            {
                slot.Flagged = false;
            }
        }

        await SaveAsync();
        return lifted;
    }

    public Task<PractitionerSchedule> GetAsync() => Task.FromResult(Schedule());

    private PractitionerSchedule Schedule() =>
        new(
            PractitionerId,
            State.EnrolledAt is not null,
            State.PausedSince is not null,
            State.PausedSince,
            State.PauseCount,
            [.. State.Overdue.Order(StringComparer.Ordinal)],
            [.. State.Bookings.OrderBy(b => b.Value.Start).Select(b => new ScheduledBooking(b.Key, b.Value.Start, b.Value.End, b.Value.Flagged))]);

    private void EnsureFree(string reference, DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var (other, slot) in State.Bookings)
        {
            if (other != reference && start < slot.End && slot.Start < end)
            {
                throw new RuleViolation(
                    "practitioner.double_booked",
                    $"Practitioner {PractitionerId} is already booked from {slot.Start:O} to {slot.End:O} ({other}).");
            }
        }
    }

    private Task SaveAsync() => schedule.WriteStateAsync();

    // Only an actual change is audited, so repeating an enrolment or withdrawal leaves the log as it was.
    private async Task SaveAsync(AuditRecord record)
    {
        await SaveAsync();
        await AuditLog.For(GrainFactory, GrainKeys.ClinicIdOf(this.GetPrimaryKeyString())).AppendAsync(record);
    }
}
