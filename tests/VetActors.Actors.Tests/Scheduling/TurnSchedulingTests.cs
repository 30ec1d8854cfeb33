using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Scheduling;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task NonReentrant_SecondCallWaitsUntilFirstTurnEnds()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IGatedGrain>("g");

        var first = grain.WorkAsync("a");
        var second = grain.WorkAsync("b");
        await Guard.UntilAsync(() => probe.Events.Contains("enter a"), "first call entered");
        probe.Signal("b").SetResult();

        Assert.DoesNotContain("enter b", probe.Events);
        probe.Signal("a").SetResult();
        await Task.WhenAll(first, second).WaitAsync(Guard.Timeout);
        Assert.Equal(["enter a", "exit a", "enter b", "exit b"], probe.Events);
    }

    [Fact]
    public async Task NonReentrant_CallsRunInTheOrderTheyWereSent()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IOrderedGrain>("ordered");

        await Task.WhenAll(Enumerable.Range(0, 500).Select(grain.AppendAsync).ToArray());

        Assert.Equal(Enumerable.Range(0, 500), await grain.GetAsync());
    }

    [Fact]
    public async Task Reentrant_QueuedCallsStartInTheOrderTheyWereSent()
    {
        await using var cluster = await Clusters.StartAsync();

        var values = await cluster.GrainFactory.GetGrain<IFanOutGrain>("fan").FanOutToSelfAsync(200);

        Assert.Equal(Enumerable.Range(0, 200), values);
    }

    [Fact]
    public async Task Reentrant_CallsInterleaveAtAwaits()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IReentrantGatedGrain>("r");

        var first = grain.WorkAsync("a");
        var second = grain.WorkAsync("b");
        await Guard.UntilAsync(() => probe.Events.Contains("enter b"), "second call entered while the first waits");
        probe.Signal("b").SetResult();
        await second.WaitAsync(Guard.Timeout);

        Assert.False(first.IsCompleted);
        probe.Signal("a").SetResult();
        await first.WaitAsync(Guard.Timeout);
    }

    [Fact]
    public async Task Reentrant_InterleavedTurnsNeverRunAtTheSameInstant()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IReentrantGatedGrain>("busy");

        var overlaps = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => grain.BusyAsync(50))));

        Assert.All(overlaps, o => Assert.Equal(0, o));
    }

    [Fact]
    public async Task AlwaysInterleave_RunsWhileANonReentrantTurnWaits()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IGatedGrain>("g");
        var blocked = grain.WorkAsync("a");
        await Guard.UntilAsync(() => probe.Events.Contains("enter a"), "first call entered");

        Assert.Equal("peeked", await grain.PeekAsync().WaitAsync(Guard.Timeout));

        Assert.False(blocked.IsCompleted);
        probe.Signal("a").SetResult();
        await blocked.WaitAsync(Guard.Timeout);
    }

    [Fact]
    public async Task ReadOnly_RunConcurrentlyWithEachOtherButNotWithWrites()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IGatedGrain>("ro");

        var read1 = grain.ReadAsync("r1");
        var read2 = grain.ReadAsync("r2");
        var write = grain.WorkAsync("w");
        await Guard.UntilAsync(() => probe.Events.Contains("read r2"), "second read entered during the first");

        Assert.DoesNotContain("enter w", probe.Events);
        probe.Signal("w").SetResult();
        probe.Signal("r1").SetResult();
        probe.Signal("r2").SetResult();
        await Task.WhenAll(read1, read2, write).WaitAsync(Guard.Timeout);
        Assert.Equal("enter w", probe.Events[^2]);
    }
}
