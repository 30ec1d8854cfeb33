using VetActors.Grains.Appointments;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class AppointmentConcurrencyTests
{
    /// <summary>
    /// The clock reaches the deadline and the practitioner completes the record in that same instant, racing
    /// the reminder's delivery. Whichever turn runs first, the outcome is the same: late (the clock decides),
    /// paused once and lifted, payout held; never on time and overdue both.
    /// </summary>
    [Fact]
    public async Task CompleteRecord_AtTheDeadlineInstant_OneConsistentOutcome()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grains = new List<IAppointmentGrain>();
        // Twelve calls of 80 minutes each end within 16 hours, before the first deadline.
        for (var i = 0; i < 12; i++)
        {
            grains.Add(await world.HoldCallAsync($"VA-RACE{i:D2}", vet: i % 2 == 0 ? "vet-1" : "vet-2"));
        }

        var dueTimes = await Task.WhenAll(grains.Select(async g => (await g.GetAsync()).RecordDueAt!.Value));
        var results = new List<AppointmentView>();
        foreach (var (grain, due) in grains.Zip(dueTimes))
        {
            world.Clock.SetUtcNow(due);
            results.Add(await grain.CompleteRecordAsync(AppointmentWorld.Record()));
        }

        await Eventually.UntilAsync(() => world.Cluster.RemindersInFlight == 0 && world.Builder.ReminderTable.Count == 0, "deadlines delivered");
        foreach (var (view, grain) in results.Zip(grains))
        {
            var after = await grain.GetAsync();
            Assert.Equal((AppointmentStatus.Completed, true, PayoutState.Held), (after.Status, after.RecordOverdue, after.Payout));
            Assert.Equal(1, world.Notifier.Count(view.Reference, NotificationKind.RecordOverdue));
            Assert.Single(after.SupportCaseIds);
        }

        foreach (var vet in new[] { "vet-1", "vet-2" })
        {
            var schedule = await world.Practitioner(vet).GetAsync();
            Assert.False(schedule.Paused);
            Assert.Empty(schedule.OverdueReferences);
        }
    }

    [Fact]
    public async Task CompleteRecord_OneTickBeforeTheDeadline_OnTimeAndTheDeadlineDoesNothing()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-ONTIME");
        var due = (await grain.GetAsync()).RecordDueAt!.Value;
        world.Clock.SetUtcNow(due - TimeSpan.FromTicks(1));

        var completing = grain.CompleteRecordAsync(AppointmentWorld.Record());
        world.Clock.SetUtcNow(due);
        var view = await completing;

        await Eventually.UntilAsync(() => world.Cluster.RemindersInFlight == 0, "deliveries settled");
        var after = await grain.GetAsync();
        var overdue = world.Notifier.Count("VA-ONTIME", NotificationKind.RecordOverdue);
        Assert.True(
            (after.Payout, after.RecordOverdue, overdue) is (PayoutState.DueInFull, false, 0) or (PayoutState.Held, true, 1),
            $"inconsistent: {after.Payout} overdue={after.RecordOverdue} notifications={overdue}");
        Assert.Equal(AppointmentStatus.Completed, view.Status);
        Assert.Empty((await world.Practitioner("vet-1").GetAsync()).OverdueReferences);
    }
}
