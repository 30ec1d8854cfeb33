using Grpc.Core;

namespace VetActors.Rpc.Internal.Client;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private TResponse? _current;
    private int _reading;

    public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            return Task.FromException<bool>(new InvalidOperationException("Can't read the next message because the previous read is still in progress."));
        }
        return MoveNextCoreAsync(cancellationToken);
    }

    private async Task<bool> MoveNextCoreAsync(CancellationToken cancellationToken)
    {
        // A token passed to a read cancels the whole call, as in grpc-dotnet.
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelFromCaller(), call)
            : default;
        try
        {
            var message = await call.ReadStreamMessageAsync().ConfigureAwait(false);
            _current = message;
            return message is not null;
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            Volatile.Write(ref _reading, 0);
        }
    }
}
