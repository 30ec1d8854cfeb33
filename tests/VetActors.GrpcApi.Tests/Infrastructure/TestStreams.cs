using System.Threading.Channels;
using Grpc.Core;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>An in-memory request stream for calling streaming handlers directly: write messages, then complete.</summary>
public sealed class TestAsyncStreamReader<T> : IAsyncStreamReader<T>
    where T : class
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    public TestAsyncStreamReader(params T[] messages)
    {
        foreach (var message in messages)
        {
            _channel.Writer.TryWrite(message);
        }
    }

    public T Current { get; private set; } = null!;

    public ValueTask WriteAsync(T message) => _channel.Writer.WriteAsync(message);

    public void Complete() => _channel.Writer.TryComplete();

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (await _channel.Reader.WaitToReadAsync(cancellationToken) && _channel.Reader.TryRead(out var message))
        {
            Current = message;
            return true;
        }

        return false;
    }
}

/// <summary>A response stream that records what a streaming handler wrote.</summary>
public sealed class RecordingServerStreamWriter<T> : IServerStreamWriter<T>
    where T : class
{
    private readonly List<T> _messages = [];
    private readonly Lock _lock = new();

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

    public Task WriteAsync(T message)
    {
        lock (_lock)
        {
            _messages.Add(message);
        }

        return Task.CompletedTask;
    }
}
