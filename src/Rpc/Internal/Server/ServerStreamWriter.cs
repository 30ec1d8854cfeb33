using Grpc.Core;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// The response stream of a server- or duplex-streaming call. Each write is flushed to Kestrel (unless
/// <see cref="WriteFlags.BufferHint"/>) and its task completes only when Kestrel accepted the bytes, which
/// is the back-pressure: a writer that awaits each write never buffers more than the transport's window.
/// </summary>
internal sealed class ServerStreamWriter<TResponse>(GrpcServerCallContext call, Action<TResponse, SerializationContext> serializer) : IServerStreamWriter<TResponse>
    where TResponse : class
{
    private readonly int _generation = call.Generation;
    private Task? _pending;
    private bool _completed;
    private WriteOptions? _writeOptions;

    public WriteOptions? WriteOptions
    {
        get => _writeOptions ?? ((ServerCallContext)call).WriteOptions;
        set => _writeOptions = value;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        if (_completed || _generation != call.Generation)
        {
            return Task.FromException(new InvalidOperationException("Can't write the message because the request is complete."));
        }
        if (_pending is { IsCompleted: false })
        {
            return Task.FromException(new InvalidOperationException("Can't write the message because the previous write is in progress."));
        }
        if (call.CallDeadline is { } deadline)
        {
            lock (deadline.Lock)
            {
                if (deadline.IsExceeded)
                {
                    // grpc-dotnet (#961): after the deadline the status is already sent; late writes are dropped quietly.
                    return Task.CompletedTask;
                }
                return deadline.PendingWrite = Write(message, cancellationToken);
            }
        }
        return Write(message, cancellationToken);
    }

    /// <summary>Marks the stream finished when the handler's task completes; later writes fail.</summary>
    public void Complete() => _completed = true;

    private Task Write(TResponse message, CancellationToken cancellationToken)
    {
        if (call.HttpContext is not { } httpContext || httpContext.RequestAborted.IsCancellationRequested)
        {
            return Task.FromException(new InvalidOperationException("Can't write the message because the request is complete."));
        }
        var options = WriteOptions;
        call.WriteMessage(message, serializer, options);
        if (options is not null && (options.Flags & WriteFlags.BufferHint) != 0)
        {
            return Task.CompletedTask;
        }
        var flush = call.ResponseWriter.FlushAsync(cancellationToken);
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
            return Task.CompletedTask;
        }
        return _pending = flush.AsTask();
    }
}
