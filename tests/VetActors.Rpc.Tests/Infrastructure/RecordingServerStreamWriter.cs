using Grpc.Core;

namespace VetActors.Rpc.Tests.Infrastructure;

/// <summary>Records what a streaming handler writes, and lets a test wait for the n-th message.</summary>
public sealed class RecordingServerStreamWriter<T> : IServerStreamWriter<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _messages = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    public WriteOptions? WriteOptions { get; set; }

    /// <summary>A copy of the messages written so far.</summary>
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

    public Task WriteAsync(T message)
    {
        lock (_lock)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => _messages.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Completes when <paramref name="count"/> messages have been written; fails if <paramref name="handler"/>
    /// ends first, so a handler that stops early fails the test instead of hanging it.
    /// </summary>
    public async Task<IReadOnlyList<T>> WaitForCountAsync(int count, Task handler)
    {
        Task reached;
        lock (_lock)
        {
            if (_messages.Count >= count)
            {
                return [.. _messages];
            }
            var waiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            reached = waiter.Item2.Task;
        }
        var first = await Task.WhenAny(reached, handler);
        if (first != reached)
        {
            await handler;
            Assert.Fail($"The handler ended after {Messages.Count} of {count} expected messages.");
        }
        return Messages;
    }
}
