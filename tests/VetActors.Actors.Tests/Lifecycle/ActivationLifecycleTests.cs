using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Lifecycle;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task DeactivateOnIdle_AfterTheCall_RunsOnDeactivateAndNextCallActivatesAgain()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("p1");
        await grain.TouchAsync();

        await grain.DeactivateAfterThisAsync();
        await probe.WhenSignaled("deactivated p1");

        Assert.Equal(1, await grain.TouchAsync());
        Assert.Equal(["activate p1", "deactivate p1 ApplicationRequested", "activate p1"], probe.Events);
    }

    [Fact]
    public async Task IdleCollection_AfterDefault15Minutes_DeactivatesWithActivationIdle()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("idle");
        await grain.TouchAsync();

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(14));
        Assert.DoesNotContain("deactivate idle ActivationIdle", probe.Events);
        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(2));

        await probe.WhenSignaled("deactivated idle");
        Assert.Contains("deactivate idle ActivationIdle", probe.Events);
    }

    [Fact]
    public async Task IdleCollection_RecentCalls_KeepTheActivation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("busy");

        for (var i = 0; i < 5; i++)
        {
            await grain.TouchAsync();
            cluster.TimeProvider.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(6, await grain.TouchAsync());
    }

    [Fact]
    public async Task IdleCollection_CollectionAgeLimitAttribute_AppliesPerGrainClass()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var shortLived = cluster.GrainFactory.GetGrain<IShortLivedGrain>("s");
        var normal = cluster.GrainFactory.GetGrain<ILifecycleGrain>("n");
        await shortLived.TouchAsync();
        await normal.TouchAsync();

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(3));
        await probe.WhenSignaled("deactivated s");

        Assert.DoesNotContain(probe.Events, e => e.StartsWith("deactivate n", StringComparison.Ordinal));
        Assert.Equal(2, await normal.TouchAsync());
    }

    [Fact]
    public async Task IdleCollection_ClassSpecificOption_OverridesTheDefault()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, o => o.ClassSpecificCollectionAge["lifecycle"] = TimeSpan.FromMinutes(1));
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("quick").TouchAsync();

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(2));

        await probe.WhenSignaled("deactivated quick");
    }

    [Fact]
    public async Task DelayDeactivation_KeepsAnIdleActivationPastItsCollectionAge()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("kept");
        await grain.KeepAliveForAsync(TimeSpan.FromHours(1));

        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(1, await grain.TouchAsync());
        cluster.TimeProvider.Advance(TimeSpan.FromMinutes(70));

        await probe.WhenSignaled("deactivated kept");
    }

    [Fact]
    public async Task OnActivateAsync_Throws_FailsTheCallAndTheNextCallRetriesActivation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IFailingActivationGrain>("f");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.HelloAsync());

        Assert.Equal("clinic settings unavailable", error.Message);
        Assert.Equal("hello", await grain.HelloAsync());
    }

    [Fact]
    public async Task StopAsync_FinishesInFlightTurnAndRunsOnDeactivate()
    {
        var probe = new Probe();
        var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("inflight");
        var call = grain.WaitForGateAsync("g");
        await Guard.UntilAsync(() => probe.Events.Contains("enter g"), "call entered");

        var stopping = cluster.StopAsync();
        Assert.False(stopping.IsCompleted);
        probe.Signal("g").SetResult();
        await stopping.WaitAsync(Guard.Timeout);

        await call.WaitAsync(Guard.Timeout);
        Assert.Equal(["activate inflight", "enter g", "exit g", "deactivate inflight ShuttingDown"], probe.Events);
    }

    [Fact]
    public async Task KillAsync_DoesNotRunOnDeactivate()
    {
        var probe = new Probe();
        var cluster = await Clusters.StartAsync(probe);
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("killed").TouchAsync();

        await cluster.KillAsync();

        Assert.Equal(["activate killed"], probe.Events);
        Assert.False(cluster.IsRunning);
    }

    [Fact]
    public async Task Restart_AfterKill_ActivatesGrainsAgain()
    {
        var probe = new Probe();
        var cluster = await Clusters.StartAsync(probe);
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("again").TouchAsync();
        await cluster.KillAsync();

        await cluster.StartAsync();

        Assert.Equal(1, await cluster.GrainFactory.GetGrain<ILifecycleGrain>("again").TouchAsync());
        await cluster.StopAsync();
    }
}
