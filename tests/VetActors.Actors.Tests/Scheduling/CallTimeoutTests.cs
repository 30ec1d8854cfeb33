using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Scheduling;

public sealed class CallTimeoutTests
{
    [Fact]
    public async Task Call_NoResponseWithinDefault30Seconds_FailsWithTimeout()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IGatedGrain>("slow");

        var call = grain.WorkAsync("late");
        await Guard.UntilAsync(() => probe.Events.Contains("enter late"), "call entered");
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Guard.Timeout));
        Assert.Contains("IGatedGrain.WorkAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("gated/slow", error.Message, StringComparison.Ordinal);

        // The turn itself goes on (as in Orleans, a timeout does not cancel it) until it finishes.
        probe.Signal("late").SetResult();
        await Guard.UntilAsync(() => probe.Events.Contains("exit late"), "turn finished");
    }

    [Fact]
    public async Task Call_ConfiguredTimeout_IsUsed()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var grain = cluster.GrainFactory.GetGrain<IGatedGrain>("slow");

        var call = grain.WorkAsync("late");
        await Guard.UntilAsync(() => probe.Events.Contains("enter late"), "call entered");
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(Guard.Timeout));
        probe.Signal("late").SetResult();
    }

    [Fact]
    public async Task Call_QueuedBehindAHungTurn_TimesOutAndIsDroppedUnstarted()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IGatedGrain>("slow");
        var hung = grain.WorkAsync("a");
        await Guard.UntilAsync(() => probe.Events.Contains("enter a"), "first call entered");
        var queued = grain.WorkAsync("b");
        probe.Signal("b").SetResult();

        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<TimeoutException>(() => queued.WaitAsync(Guard.Timeout));
        await Assert.ThrowsAsync<TimeoutException>(() => hung.WaitAsync(Guard.Timeout));
        probe.Signal("a").SetResult();

        probe.Signal("c").SetResult();
        await grain.WorkAsync("c").WaitAsync(Guard.Timeout);

        Assert.Equal(["enter a", "exit a", "enter c", "exit c"], probe.Events);
    }
}
