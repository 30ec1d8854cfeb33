using Grpc.Core;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>
/// A response stream for live (never-ending) streaming handlers: records what they write, lets a test await a
/// message as it arrives, and can hold writes back to play a reader that stopped reading.
/// </summary>
public sealed class StreamRecorder<T> : IServerStreamWriter<T>
    where T : class
{
    // A hang guard turning a message that never comes into a failure; nothing is measured against it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly List<T> _messages = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Arrived)> _waiters = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource? _gate;

    public WriteOptions? WriteOptions { get; set; }

    public IReadOnlyList<T> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every write from now on waits until <see cref="Release"/>.</summary>
    public void Block()
    {
        lock (_lock)
        {
            _gate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            (gate, _gate) = (_gate, null);
        }

        gate?.TrySetResult();
    }

    /// <summary>The first message, written already or still to come, that <paramref name="match"/> accepts.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, string what)
    {
        TaskCompletionSource<T> arrived;
        lock (_lock)
        {
            if (_messages.FirstOrDefault(match) is { } written)
            {
                return written;
            }

            arrived = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, arrived));
        }

        try
        {
            return await arrived.Task.WaitAsync(s_hangGuard);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Never written: {what}. Written: {string.Join(" | ", Messages)}");
        }
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        Task? gate;
        lock (_lock)
        {
            gate = _gate?.Task;
        }

        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Arrived.TrySetResult(message);
            }
        }
    }
}
