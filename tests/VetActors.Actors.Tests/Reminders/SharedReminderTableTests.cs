using VetActors.Actors.Reminders;
using VetActors.Actors.Testing;
using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Reminders;

public sealed class SharedReminderTableTests
{
    [Fact]
    public async Task TwoSilosOnOneTable_EachTickIsDeliveredOnce()
    {
        var probe = new Probe();
        var clock = new ManualTimeProvider();
        var table = new InMemoryReminderTable();
        var first = await Builder(probe, clock, table).BuildAndStartAsync();
        var second = await Builder(probe, clock, table).BuildAndStartAsync();
        var due = clock.GetUtcNow().AddMinutes(15);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(g =>
            first.GrainFactory.GetGrain<IDeadlineGrain>($"shared-{g}").ScheduleManyAsync("n", 20, due)));

        clock.Advance(TimeSpan.FromMinutes(16));

        await probe.WhenCount("delivered", 400);
        await Guard.UntilAsync(() => table.Count == 0 && first.RemindersInFlight == 0 && second.RemindersInFlight == 0, "all rows completed");
        Assert.All(probe.Counts.Where(c => c.Key != "delivered"), c => Assert.Equal(1, c.Value));
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public async Task RowWrittenByAnotherSilo_IsSeenByThePollAndDelivered()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        await using var cluster = await builder.BuildAndStartAsync();
        var due = cluster.TimeProvider.GetUtcNow().AddSeconds(1);

        // Straight into the table, as another silo would: no local registration wakes the loop.
        await builder.ReminderTable.UpsertAsync(
            new ReminderRecord("vetactors", new GrainId("deadline", "remote"), "foreign", due, due, due, TimeSpan.Zero, 0, ""),
            CancellationToken.None);
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(5));

        await probe.WhenCount("remote:foreign", 1);
    }

    private static TestClusterBuilder Builder(Probe probe, ManualTimeProvider clock, InMemoryReminderTable table)
    {
        var builder = Clusters.Builder(probe);
        builder.TimeProvider = clock;
        builder.ReminderTable = table;
        return builder;
    }
}
