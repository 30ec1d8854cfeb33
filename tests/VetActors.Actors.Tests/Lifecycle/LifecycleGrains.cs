using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Lifecycle;

internal interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> TouchAsync();

    Task DeactivateAfterThisAsync();

    Task KeepAliveForAsync(TimeSpan duration);

    Task WaitForGateAsync(string gate);
}

internal class LifecycleGrain(Probe probe) : Grain, ILifecycleGrain
{
    private int _touches;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        probe.Record($"deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        probe.Signal($"deactivated {this.GetPrimaryKeyString()}").TrySetResult();
    }

    public Task<int> TouchAsync() => Task.FromResult(++_touches);

    public Task DeactivateAfterThisAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAliveForAsync(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public async Task WaitForGateAsync(string gate)
    {
        probe.Record($"enter {gate}");
        await probe.Signal(gate).Task;
        probe.Record($"exit {gate}");
    }
}

internal interface IShortLivedGrain : ILifecycleGrain
{
}

[CollectionAgeLimit(Minutes = 2)]
internal sealed class ShortLivedGrain(Probe probe) : LifecycleGrain(probe), IShortLivedGrain;

internal interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<string> HelloAsync();
}

internal sealed class FailingActivationGrain(Probe probe) : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (probe.Increment("failing activations") == 1)
        {
            throw new InvalidOperationException("clinic settings unavailable");
        }

        return Task.CompletedTask;
    }

    public Task<string> HelloAsync() => Task.FromResult("hello");
}
