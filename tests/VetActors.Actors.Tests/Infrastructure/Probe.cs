using System.Collections.Concurrent;

namespace VetActors.Actors.Tests.Infrastructure;

/// <summary>
/// What grains under test report to (injected from DI): an ordered event log, and signals a test can await
/// instead of sleeping.
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<(int Target, TaskCompletionSource Done)>> _countTargets = new();

    public IReadOnlyList<string> Events => [.. _events];

    public void Record(string evt) => _events.Enqueue(evt);

    public int Count(string key) => _counts.TryGetValue(key, out var n) ? n : 0;

    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Increments a counter and completes a <see cref="WhenCount"/> waiter that reached its target.</summary>
    public int Increment(string key)
    {
        var n = _counts.AddOrUpdate(key, 1, (_, v) => v + 1);
        if (_countTargets.TryGetValue(key, out var targets))
        {
            foreach (var (target, done) in targets)
            {
                if (n >= target)
                {
                    done.TrySetResult();
                }
            }
        }

        return n;
    }

    public Task WhenCount(string key, int target)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _countTargets.GetOrAdd(key, _ => []).Add((target, done));
        if (Count(key) >= target)
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(Guard.Timeout);
    }

    public TaskCompletionSource Signal(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task WhenSignaled(string name) => Signal(name).Task.WaitAsync(Guard.Timeout);
}
