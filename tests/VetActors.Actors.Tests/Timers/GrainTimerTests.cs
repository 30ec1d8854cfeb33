using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Timers;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task Timer_TicksAtDueTimeThenEveryPeriod()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITickingGrain>("t");
        await grain.StartAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), blockEachTick: false, keepAlive: false);

        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await grain.TicksAsync());
        for (var i = 1; i <= 3; i++)
        {
            cluster.TimeProvider.Advance(i == 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30));
            await probe.WhenCount("ticks", i);

            // A call queues behind the tick's turn, so once it returns the next tick is armed.
            Assert.Equal(i, await grain.TicksAsync());
        }

        Assert.Equal(3, await grain.TicksAsync());
    }

    [Fact]
    public async Task Timer_SlowTick_NextTickWaitsForItAndTicksNeverOverlap()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITickingGrain>("slow");
        await grain.StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), blockEachTick: true, keepAlive: false);

        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(1));
        await probe.WhenCount("ticks", 1);
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, probe.Count("ticks"));

        probe.Signal("release 1").SetResult();
        Assert.Equal(1, await grain.TicksAsync());
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(1));
        await probe.WhenCount("ticks", 2);
        probe.Signal("release 2").SetResult();

        Assert.DoesNotContain("overlap", probe.Events);
    }

    [Fact]
    public async Task Timer_TickIsATurn_DoesNotInterleaveWithCalls()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITickingGrain>("turn");
        await grain.StartAsync(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan, blockEachTick: true, keepAlive: false);
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(1));
        await probe.WhenCount("ticks", 1);

        var call = grain.TicksAsync();
        Assert.False(call.IsCompleted);
        probe.Signal("release 1").SetResult();

        Assert.Equal(1, await call.WaitAsync(Guard.Timeout));
    }

    [Fact]
    public async Task Timer_Disposed_StopsTicking()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITickingGrain>("stop");
        await grain.StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), blockEachTick: false, keepAlive: false);

        await grain.StopAsync();
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await grain.TicksAsync());
    }

    [Fact]
    public async Task Timer_Changed_UsesTheNewSchedule()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITickingGrain>("change");
        await grain.StartAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1), blockEachTick: false, keepAlive: false);

        await grain.ChangeAsync(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(5));
        await probe.WhenCount("ticks", 1);
        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(1, await grain.TicksAsync());
    }

    [Fact]
    public async Task Timer_KeepAlive_PreventsIdleCollection()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var kept = cluster.GrainFactory.GetGrain<ITickingGrain>("kept");
        var idle = cluster.GrainFactory.GetGrain<ITickingGrain>("idle");
        await kept.StartAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), blockEachTick: false, keepAlive: true);
        await idle.StartAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), blockEachTick: false, keepAlive: false);

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(10));
        await probe.WhenCount("ticks", 2);
        Assert.Equal(1, await kept.TicksAsync());
        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(6));
        await probe.WhenSignaled("deactivated idle");

        Assert.False(probe.Signal("deactivated kept").Task.IsCompleted);
        Assert.Equal(1, await kept.TicksAsync());
    }

    [Fact]
    public async Task Timer_Interleave_TicksWhileARequestAwaits()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITickingGrain>("interleaved");
        await grain.StartInterleavedAsync(TimeSpan.FromSeconds(1));
        var held = grain.HoldAsync("gate");
        await Guard.UntilAsync(() => probe.Events.Contains("hold"), "request holding the activation");

        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(1));
        await Guard.UntilAsync(() => probe.Events.Contains("interleaved tick"), "tick ran during the request");

        Assert.DoesNotContain("released", probe.Events);
        probe.Signal("gate").SetResult();
        await held.WaitAsync(Guard.Timeout);
    }
}
