using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Scheduling;

internal interface IPeerGrain : IGrainWithStringKey
{
    /// <summary>Waits for the gate, then calls the peer: two of these in opposite directions deadlock.</summary>
    Task<string> CallPeerAfterGateAsync(string peerKey, string gate);

    Task<string> NameAsync();
}

internal sealed class PeerGrain(Probe probe) : Grain, IPeerGrain
{
    public async Task<string> CallPeerAfterGateAsync(string peerKey, string gate)
    {
        probe.Record($"enter {this.GetPrimaryKeyString()}");
        await probe.Signal(gate).Task;
        return await GrainFactory.GetGrain<IPeerGrain>(peerKey).NameAsync();
    }

    public Task<string> NameAsync() => Task.FromResult(this.GetPrimaryKeyString());
}

public sealed class WaitForDeadlockTests
{
    [Fact]
    public async Task OppositeCallsBetweenTwoBusyGrains_OneFailsWithDeadlockWithinAScanAndTheOtherCompletes()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var a = cluster.GrainFactory.GetGrain<IPeerGrain>("a");
        var b = cluster.GrainFactory.GetGrain<IPeerGrain>("b");
        var fromA = a.CallPeerAfterGateAsync("b", "go");
        var fromB = b.CallPeerAfterGateAsync("a", "go");
        await Guard.UntilAsync(() => probe.Events.Count == 2, "both grains busy");

        probe.Signal("go").SetResult();
        await Guard.UntilAsync(() => cluster.Runtime.PendingCalls.Count == 4, "both inner calls queued");
        cluster.TimeProvider.Advance(TimeSpan.FromSeconds(2));

        var outcomes = await Task.WhenAll(Outcome(fromA), Outcome(fromB));
        var deadlock = Assert.IsType<DeadlockException>(Assert.Single(outcomes, o => o is Exception));
        Assert.Contains("(queued)", deadlock.Message, StringComparison.Ordinal);
        Assert.Equal(5, deadlock.CallChain.Count);
        Assert.Single(outcomes, o => o is "a" or "b");
    }

    private static async Task<object> Outcome(Task<string> call)
    {
        try
        {
            return await call.WaitAsync(Guard.Timeout);
        }
        catch (DeadlockException e)
        {
            return e;
        }
    }
}
