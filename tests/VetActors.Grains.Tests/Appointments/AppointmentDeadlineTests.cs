using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Support;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class AppointmentDeadlineTests
{
    [Fact]
    public async Task CompleteRecord_BeforeCallEnded_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-AAAAAA");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.CompleteRecordAsync(AppointmentWorld.Record()));

        Assert.Contains("after the call has ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteRecord_MissingNotes_InvalidArgumentAndNothingChanges()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-BBBBBB");

        var error = await Assert.ThrowsAsync<ValidationException>(() => grain.CompleteRecordAsync(AppointmentWorld.Record() with { Notes = " " }));

        Assert.Equal("notes", Assert.Single(error.Violations).Field);
        Assert.Equal(AppointmentStatus.CallEnded, (await grain.GetAsync()).Status);
    }

    [Fact]
    public async Task CompleteRecord_OnTime_DueInFullAndNoDeadlineFires()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-CCCCCC");
        world.Clock.Advance(TimeSpan.FromHours(23));

        var view = await grain.CompleteRecordAsync(AppointmentWorld.Record());
        world.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal((AppointmentStatus.Completed, PayoutState.DueInFull, false), (view.Status, view.Payout, view.RecordOverdue));
        Assert.Equal(["Otomax 10 ml"], view.Record!.Prescriptions.ToArray());
        Assert.Equal(0, world.Builder.ReminderTable.Count);
        Assert.Equal(0, world.Notifier.Count("VA-CCCCCC", NotificationKind.RecordOverdue));
        Assert.False((await world.Practitioner("vet-1").GetAsync()).Paused);
        var twice = await Assert.ThrowsAsync<RuleViolation>(() => grain.CompleteRecordAsync(AppointmentWorld.Record()));
        Assert.Contains("was completed", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordDeadline_At20Hours_WarnsPractitionerOnce()
    {
        await using var world = await AppointmentWorld.StartAsync();
        await world.HoldCallAsync("VA-DDDDDD");

        world.Clock.Advance(TimeSpan.FromHours(19));
        Assert.Equal(0, world.Notifier.Count("VA-DDDDDD", NotificationKind.RecordDeadlineWarning));
        world.Clock.Advance(TimeSpan.FromHours(1));

        await Eventually.UntilAsync(() => world.Notifier.Count("VA-DDDDDD", NotificationKind.RecordDeadlineWarning) == 1, "warning at 20 h");
        Assert.False((await world.Practitioner("vet-1").GetAsync()).Paused);
    }

    [Fact]
    public async Task RecordDeadline_At24Hours_OverduePausedHeldAndCaseOpened()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-EEEEEE");
        var upcoming = await world.BookAsync("VA-FFFFFF", TimeSpan.FromDays(3));

        world.Clock.Advance(TimeSpan.FromHours(24));
        await Eventually.UntilAsync(async () => (await grain.GetAsync()).RecordOverdue, "record overdue");

        var view = await grain.GetAsync();
        Assert.Equal((AppointmentStatus.CallEnded, PayoutState.Held), (view.Status, view.Payout));
        var schedule = await world.Practitioner("vet-1").GetAsync();
        Assert.True(schedule.Paused);
        Assert.Equal(["VA-EEEEEE"], schedule.OverdueReferences.ToArray());
        Assert.True(schedule.Bookings.Single(b => b.Reference == "VA-FFFFFF").Flagged);
        Assert.Equal(SupportCaseKind.RecordOverdue, (await world.SupportDesk.GetAsync(Assert.Single(view.SupportCaseIds))).Kind);
        Assert.Equal(1, world.Notifier.Count("VA-EEEEEE", NotificationKind.RecordOverdue));
        Assert.Equal(AppointmentStatus.Booked, (await upcoming.GetAsync()).Status);
    }

    [Fact]
    public async Task Book_PractitionerPaused_FailsPreconditionNamingTheOverdueRecord()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-GGGGGG");
        world.Clock.Advance(TimeSpan.FromHours(24));
        await Eventually.UntilAsync(async () => (await grain.GetAsync()).RecordOverdue, "record overdue");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.BookAsync("VA-HHHHHH"));

        Assert.Equal("practitioner.paused", error.Code);
        Assert.Contains("VA-GGGGGG", error.Message, StringComparison.Ordinal);
        await world.BookAsync("VA-JJJJJJ", vet: "vet-2");
    }

    [Fact]
    public async Task CompleteRecord_LastOverdue_LiftsPauseButPayoutStaysHeldUntilSupportDecides()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var first = await world.HoldCallAsync("VA-KKKKKK");
        var second = await world.HoldCallAsync("VA-MMMMMM");
        world.Clock.Advance(TimeSpan.FromHours(25));
        await Eventually.UntilAsync(async () => (await second.GetAsync()).RecordOverdue && (await first.GetAsync()).RecordOverdue, "both overdue");

        var afterFirst = await first.CompleteRecordAsync(AppointmentWorld.Record());
        var stillPaused = (await world.Practitioner("vet-1").GetAsync()).Paused;
        await second.CompleteRecordAsync(AppointmentWorld.Record());
        var schedule = await world.Practitioner("vet-1").GetAsync();

        Assert.Equal((AppointmentStatus.Completed, PayoutState.Held), (afterFirst.Status, afterFirst.Payout));
        Assert.True(stillPaused);
        Assert.False(schedule.Paused);
        Assert.Equal(1, schedule.PauseCount);
        Assert.All(schedule.Bookings, b => Assert.False(b.Flagged));
        await world.SupportDesk.ResolveAsync(Assert.Single(afterFirst.SupportCaseIds), SupportOutcome.FavourPractitioner, "manager-1", "first late record");
        Assert.Equal(PayoutState.Released, (await first.GetAsync()).Payout);
    }

    [Fact]
    public async Task SupportDecision_OnHeldPayoutBeforeRecordComplete_FailsPreconditionAndCaseStaysOpen()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.HoldCallAsync("VA-NNNNNN");
        world.Clock.Advance(TimeSpan.FromHours(24));
        await Eventually.UntilAsync(async () => (await grain.GetAsync()).RecordOverdue, "record overdue");
        var caseId = Assert.Single((await grain.GetAsync()).SupportCaseIds);

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.SupportDesk.ResolveAsync(caseId, SupportOutcome.FavourPractitioner, "manager-1", "too soon"));

        Assert.Equal("appointment.record_incomplete", error.Code);
        Assert.Equal(PayoutState.Held, (await grain.GetAsync()).Payout);
    }
}
