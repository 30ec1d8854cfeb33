using Grpc.Core;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// The request stream of a client-streaming or duplex call. One write at a time: each write is flushed
/// to the HTTP/2 stream, so awaiting it waits for flow control (back-pressure).
/// </summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private readonly Lock _lock = new();
    private Task? _writeTask;
    private bool _completed;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (_writeTask is { IsCompleted: false })
            {
                return Task.FromException(new InvalidOperationException("Can't write the message because the previous write is in progress."));
            }
            if (_completed)
            {
                return Task.FromException(new InvalidOperationException("Request stream has already been completed."));
            }
            if (CheckFinished() is { } finished)
            {
                return finished;
            }
            return _writeTask = WriteCoreAsync(message, cancellationToken);
        }
    }

    public Task CompleteAsync()
    {
        lock (_lock)
        {
            if (_writeTask is { IsCompleted: false })
            {
                return Task.FromException(new InvalidOperationException("Can't complete the client stream writer because the previous write is in progress."));
            }
            if (!_completed && call.IsFinished && call.GetStatus().StatusCode != StatusCode.OK)
            {
                return Task.FromException(call.CreateException());
            }
            _completed = true;
            call.RequestContent!.Complete();
            return Task.CompletedTask;
        }
    }

    private Task? CheckFinished()
    {
        if (!call.IsFinished)
        {
            return null;
        }
        return call.GetStatus().StatusCode == StatusCode.OK
            ? Task.FromException(new InvalidOperationException("Can't write the message because the call is complete."))
            : Task.FromException(call.CreateException());
    }

    private async Task WriteCoreAsync(TRequest message, CancellationToken cancellationToken)
    {
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelFromCaller(), call)
            : default;
        var leased = false;
        try
        {
            call.Framer.Enter();
            leased = true;
            var flags = (WriteOptions ?? call.Options.WriteOptions)?.Flags ?? default;
            var compression = (flags & WriteFlags.NoCompress) != 0 ? null : call.RequestCompression;
            var frame = call.Framer.Frame(call.Method.RequestMarshaller, message, compression, call.MaxSendMessageSize);
            var flush = (flags & WriteFlags.BufferHint) == 0;
            await call.RequestContent!.WriteAsync(frame, flush, call.CallToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            call.FinishFromException(ex);
            if (call.GetStatus().StatusCode == StatusCode.OK)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.", ex);
            }
            throw call.CreateException();
        }
        finally
        {
            if (leased)
            {
                call.Framer.Exit();
            }
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }
}
