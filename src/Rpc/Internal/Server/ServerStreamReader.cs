using Grpc.Core;

namespace VetActors.Rpc.Internal.Server;

/// <summary>The request stream of a client- or duplex-streaming call.</summary>
internal sealed class ServerStreamReader<TRequest>(GrpcServerCallContext call, Func<DeserializationContext, TRequest> deserializer) : IAsyncStreamReader<TRequest>
    where TRequest : class
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);

    private readonly int _generation = call.Generation;
    private TRequest? _current;
    private Task<bool>? _pending;
    private bool _ended;

    public TRequest Current => _current ?? throw new InvalidOperationException("MoveNext has not returned a message.");

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_pending is { IsCompleted: false })
        {
            return Task.FromException<bool>(new InvalidOperationException("Can't read messages because the previous read is still in progress."));
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }
        if (_generation != call.Generation)
        {
            return Task.FromException<bool>(new InvalidOperationException("Can't read messages after the request is complete."));
        }
        if (_ended)
        {
            _current = null;
            return False;
        }
        var read = MessageReader.ReadStreamMessageAsync(call, deserializer, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            return Accept(read.Result) ? True : False;
        }
        return _pending = AwaitAsync(read);
    }

    private async Task<bool> AwaitAsync(ValueTask<TRequest?> read) => Accept(await read);

    private bool Accept(TRequest? message)
    {
        _current = message;
        _ended = message is null;
        return !_ended;
    }
}
