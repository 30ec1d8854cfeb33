using VetActors.Actors.Concurrency;
using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Scheduling;

internal interface IGatedGrain : IGrainWithStringKey
{
    /// <summary>Records entry, waits for the probe signal named <paramref name="gate"/>, records exit.</summary>
    Task WorkAsync(string gate);

    [AlwaysInterleave]
    Task<string> PeekAsync();

    [ReadOnly]
    Task ReadAsync(string gate);

    /// <summary>Several awaits with a check that no other turn of this activation runs at the same instant.</summary>
    Task<int> BusyAsync(int steps);
}

internal abstract class GatedGrainBase(Probe probe) : Grain, IGatedGrain
{
    private int _inside;

    public async Task WorkAsync(string gate)
    {
        probe.Record($"enter {gate}");
        await probe.Signal(gate).Task;
        probe.Record($"exit {gate}");
    }

    public Task<string> PeekAsync()
    {
        probe.Record("peek");
        return Task.FromResult("peeked");
    }

    public async Task ReadAsync(string gate)
    {
        probe.Record($"read {gate}");
        await probe.Signal(gate).Task;
        probe.Record($"read done {gate}");
    }

    public async Task<int> BusyAsync(int steps)
    {
        var overlaps = 0;
        for (var i = 0; i < steps; i++)
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                overlaps++;
            }

            Thread.SpinWait(200);
            Interlocked.Decrement(ref _inside);
            await Task.Yield();
        }

        return overlaps;
    }
}

internal sealed class GatedGrain(Probe probe) : GatedGrainBase(probe);

internal interface IReentrantGatedGrain : IGatedGrain
{
}

[Reentrant]
internal sealed class ReentrantGatedGrain(Probe probe) : GatedGrainBase(probe), IReentrantGatedGrain;

internal interface IOrderedGrain : IGrainWithStringKey
{
    Task AppendAsync(int value);

    Task<List<int>> GetAsync();
}

internal sealed class OrderedGrain : Grain, IOrderedGrain
{
    private readonly List<int> _values = [];

    public async Task AppendAsync(int value)
    {
        await Task.Yield();
        _values.Add(value);
    }

    public Task<List<int>> GetAsync() => Task.FromResult(_values);
}

internal interface IFanOutGrain : IGrainWithStringKey
{
    Task<List<int>> FanOutToSelfAsync(int count);

    Task RecordAsync(int value);
}

[Reentrant]
internal sealed class FanOutGrain : Grain, IFanOutGrain
{
    private readonly List<int> _values = [];

    public async Task<List<int>> FanOutToSelfAsync(int count)
    {
        // Sent while this turn holds the activation, so they queue up and start in order once it awaits.
        var self = GrainFactory.GetGrain<IFanOutGrain>(this.GetPrimaryKeyString());
        await Task.WhenAll(Enumerable.Range(0, count).Select(self.RecordAsync).ToArray());
        return _values;
    }

    public Task RecordAsync(int value)
    {
        _values.Add(value);
        return Task.CompletedTask;
    }
}
