using System.Threading.Channels;
using Grpc.Core;

namespace VetActors.Rpc.Tests.Infrastructure;

/// <summary>A request stream a test feeds message by message, then completes.</summary>
public sealed class TestAsyncStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly Channel<T> _messages = Channel.CreateUnbounded<T>();

    public T Current { get; private set; } = default!;

    public void Add(T message) => Assert.True(_messages.Writer.TryWrite(message));

    /// <summary>The client's half-close.</summary>
    public void Complete() => _messages.Writer.Complete();

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (await _messages.Reader.WaitToReadAsync(cancellationToken) && _messages.Reader.TryRead(out var message))
        {
            Current = message;
            return true;
        }
        return false;
    }
}
