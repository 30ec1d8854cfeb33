using VetActors.Actors.Tests.Infrastructure;
using VetActors.Actors.Timers;

namespace VetActors.Actors.Tests.Timers;

internal interface ITickingGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan dueTime, TimeSpan period, bool blockEachTick, bool keepAlive);

    Task StartInterleavedAsync(TimeSpan dueTime);

    Task HoldAsync(string gate);

    Task ChangeAsync(TimeSpan dueTime, TimeSpan period);

    Task StopAsync();

    Task<int> TicksAsync();
}

internal sealed class TickingGrain(Probe probe) : Grain, ITickingGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inside;

    public Task StartAsync(TimeSpan dueTime, TimeSpan period, bool blockEachTick, bool keepAlive)
    {
        _timer = RegisterGrainTimer(
            static (state, ct) => state.grain.TickAsync(state.block),
            (grain: this, block: blockEachTick),
            new GrainTimerCreationOptions(dueTime, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task StartInterleavedAsync(TimeSpan dueTime)
    {
        _timer = RegisterGrainTimer(
            _ =>
            {
                probe.Record("interleaved tick");
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task HoldAsync(string gate)
    {
        probe.Record("hold");
        await probe.Signal(gate).Task;
        probe.Record("released");
    }

    public Task ChangeAsync(TimeSpan dueTime, TimeSpan period)
    {
        _timer!.Change(dueTime, period);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"deactivated {this.GetPrimaryKeyString()}").TrySetResult();
        return Task.CompletedTask;
    }

    private async Task TickAsync(bool block)
    {
        var n = ++_ticks;
        if (Interlocked.Increment(ref _inside) != 1)
        {
            probe.Record("overlap");
        }

        probe.Record($"tick {n}");
        probe.Increment("ticks");
        if (block)
        {
            await probe.Signal($"release {n}").Task;
        }

        Interlocked.Decrement(ref _inside);
    }
}
