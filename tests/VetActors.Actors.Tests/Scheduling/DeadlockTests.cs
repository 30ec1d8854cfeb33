using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Scheduling;

public sealed class DeadlockTests
{
    [Fact]
    public async Task CallCycle_AToBToA_FailsFastWithDeadlockNamingTheCycle()
    {
        await using var cluster = await Clusters.StartAsync();
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        var call = a.CallAlongAsync(["b", "a"], allowReentrancy: false);
        var error = await Assert.ThrowsAsync<DeadlockException>(() => call.WaitAsync(Guard.Timeout));

        Assert.Contains("chain/a", error.Message, StringComparison.Ordinal);
        Assert.Contains("chain/b", error.Message, StringComparison.Ordinal);
        Assert.Equal(["chain/a IChainGrain.CallAlongAsync", "chain/b IChainGrain.CallAlongAsync", "chain/a IChainGrain.CallAlongAsync"], error.CallChain);
    }

    [Fact]
    public async Task CallCycle_ThreeGrains_FailsFastWithDeadlock()
    {
        await using var cluster = await Clusters.StartAsync();
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallAlongAsync(["b", "c", "a"], allowReentrancy: false).WaitAsync(Guard.Timeout));

        Assert.Equal(4, error.CallChain.Count);
    }

    [Fact]
    public async Task CallCycle_WithCallChainReentrancyAllowed_Succeeds()
    {
        await using var cluster = await Clusters.StartAsync();
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        var result = await a.CallAlongAsync(["b", "a"], allowReentrancy: true).WaitAsync(Guard.Timeout);

        Assert.Equal("a>b>a", result);
    }

    [Fact]
    public async Task CallCycle_AfterDeadlock_GrainsStillServeCalls()
    {
        await using var cluster = await Clusters.StartAsync();
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");
        await Assert.ThrowsAsync<DeadlockException>(() => a.CallAlongAsync(["b", "a"], allowReentrancy: false).WaitAsync(Guard.Timeout));

        Assert.Equal("a", await a.PingAsync());
        Assert.Equal("a>b>c", await a.CallAlongAsync(["b", "c"], allowReentrancy: false));
    }
}
