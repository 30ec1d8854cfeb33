using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Reminders;

public sealed class ReminderDeliveryTests
{
    [Fact]
    public async Task OneShot_ClockReachesDueTime_DeliveredOnceWithItsDueTimeAndRemoved()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        await using var cluster = await builder.BuildAndStartAsync();
        var due = cluster.TimeProvider.GetUtcNow().AddMinutes(15);
        await cluster.GrainFactory.GetGrain<IDeadlineGrain>("appt-1").ScheduleAsync("no-show", due);

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, probe.Count("appt-1:no-show"));
        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(1));

        await probe.WhenCount("appt-1:no-show", 1);
        await Guard.UntilAsync(() => builder.ReminderTable.Count == 0, "one-shot row removed");
        Assert.Equal([$"appt-1:no-show due={due:O} attempt=0 oneShot=True"], probe.Events);
    }

    [Fact]
    public async Task OneShot_Unregistered_IsNeverDelivered()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        await using var cluster = await builder.BuildAndStartAsync();
        var grain = cluster.GrainFactory.GetGrain<IDeadlineGrain>("appt-2");
        await grain.ScheduleAsync("record-deadline", cluster.TimeProvider.GetUtcNow().AddHours(24));
        await grain.ScheduleAsync("marker", cluster.TimeProvider.GetUtcNow().AddHours(25));

        Assert.True(await grain.CancelAsync("record-deadline"));
        Assert.Equal(["marker"], await grain.ListAsync());
        cluster.TimeProvider.Advance(TimeSpan.FromHours(26));

        await probe.WhenCount("appt-2:marker", 1);
        Assert.Equal(0, probe.Count("appt-2:record-deadline"));
    }

    [Fact]
    public async Task Periodic_TicksOnTheGridFromItsFirstDueTime()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var start = cluster.TimeProvider.GetUtcNow();
        await cluster.GrainFactory.GetGrain<IDeadlineGrain>("clinic").RegisterPeriodicAsync("sync-check", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

        for (var i = 0; i < 3; i++)
        {
            cluster.TimeProvider.Advance(i == 0 ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(5));
            await probe.WhenCount("clinic:sync-check", i + 1);
            await Guard.UntilAsync(() => cluster.RemindersInFlight == 0, "tick completed");
        }

        Assert.Equal(
            [start.AddMinutes(1), start.AddMinutes(6), start.AddMinutes(11)],
            probe.Events.Select(e => DateTimeOffset.Parse(e.Split("due=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Periodic_PeriodBelowMinimum_IsRejected()
    {
        await using var cluster = await Clusters.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => cluster.GrainFactory.GetGrain<IDeadlineGrain>("x").RegisterPeriodicAsync("fast", TimeSpan.Zero, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Register_GrainNotRemindable_IsRefused()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<IForgetfulGrain>("f").TryRegisterAsync());

        Assert.Contains("IRemindable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneShot_DueWhileSiloWasDown_FiresExactlyOnceAtRestartWithOriginalDueTime()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        var cluster = await builder.BuildAndStartAsync();
        var due = cluster.TimeProvider.GetUtcNow().AddHours(24);
        await cluster.GrainFactory.GetGrain<IDeadlineGrain>("appt-3").ScheduleAsync("record-deadline", due);
        await cluster.StopAsync();

        cluster.TimeProvider.Advance(TimeSpan.FromHours(30));
        await cluster.StartAsync();
        await probe.WhenCount("appt-3:record-deadline", 1);
        await Guard.UntilAsync(() => builder.ReminderTable.Count == 0 && cluster.RemindersInFlight == 0, "row completed");
        cluster.TimeProvider.Advance(TimeSpan.FromHours(30));
        await cluster.RestartAsync();

        Assert.Equal([$"appt-3:record-deadline due={due:O} attempt=0 oneShot=True"], probe.Events);
        await cluster.StopAsync();
    }

    [Fact]
    public async Task Periodic_OverdueAfterDowntime_FiresOnceThenResumesOnTheGrid()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        var cluster = await builder.BuildAndStartAsync();
        var start = cluster.TimeProvider.GetUtcNow();
        await cluster.GrainFactory.GetGrain<IDeadlineGrain>("p").RegisterPeriodicAsync("hourly", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await cluster.StopAsync();

        cluster.TimeProvider.Advance(TimeSpan.FromHours(5.5));
        await cluster.StartAsync();
        await probe.WhenCount("p:hourly", 1);
        await Guard.UntilAsync(() => cluster.RemindersInFlight == 0, "delivery completed");

        var row = await builder.ReminderTable.ReadAsync("vetactors", new GrainId("deadline", "p"), "hourly", CancellationToken.None);
        Assert.Equal(start.AddHours(6), row!.DueAt);
        Assert.Equal([$"p:hourly due={start.AddHours(1):O} attempt=0 oneShot=False"], probe.Events);
        await cluster.StopAsync();
    }

    [Fact]
    public async Task TenThousandOneShots_DueInTheSameSecond_AllFireNoneTwice()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        await using var cluster = await builder.BuildAndStartAsync();
        var due = cluster.TimeProvider.GetUtcNow().AddMinutes(10);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(g =>
            cluster.GrainFactory.GetGrain<IDeadlineGrain>($"bulk-{g}").ScheduleManyAsync("t", 100, due)));
        Assert.Equal(10_000, builder.ReminderTable.Count);

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        await probe.WhenCount("delivered", 10_000);
        await Guard.UntilAsync(() => builder.ReminderTable.Count == 0 && cluster.RemindersInFlight == 0, "all rows completed");
        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(10_000, probe.Count("delivered"));
        Assert.All(probe.Counts.Where(c => c.Key != "delivered"), c => Assert.Equal(1, c.Value));
        Assert.Equal(10_001, probe.Counts.Count);
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedWithExponentialBackoffKeepingTheDueTime()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        await using var cluster = await builder.BuildAndStartAsync();
        var grain = cluster.GrainFactory.GetGrain<IDeadlineGrain>("flaky");
        await grain.FailNextDeliveriesAsync(2);
        var due = cluster.TimeProvider.GetUtcNow().AddMinutes(1);
        await grain.ScheduleAsync("payout", due);
        var id = new GrainId("deadline", "flaky");

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(1));
        await Guard.UntilAsync(() => Attempts(builder, id) == 1, "first failure rescheduled");
        var firstRetry = (await builder.ReminderTable.ReadAsync("vetactors", id, "payout", CancellationToken.None))!.DueAt;
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(2));
        await Guard.UntilAsync(() => Attempts(builder, id) == 2, "second failure rescheduled");
        var secondRetry = (await builder.ReminderTable.ReadAsync("vetactors", id, "payout", CancellationToken.None))!.DueAt;
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(4));

        await probe.WhenCount("flaky:payout", 1);
        Assert.Equal(due.AddSeconds(2), firstRetry);
        Assert.Equal(due.AddSeconds(6), secondRetry);
        Assert.Equal(
            ["flaky:payout failed attempt=0", "flaky:payout failed attempt=1", $"flaky:payout due={due:O} attempt=2 oneShot=True"],
            probe.Events);
    }

    private static int Attempts(VetActors.Actors.Testing.TestClusterBuilder builder, GrainId id) =>
        builder.ReminderTable.ReadAsync("vetactors", id, "payout", CancellationToken.None).Result?.Attempts ?? -1;
}
