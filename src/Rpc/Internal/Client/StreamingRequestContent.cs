using System.Net;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// The body of a call with a request stream. The HTTP handler calls <see cref="SerializeToStreamAsync(Stream, TransportContext?, CancellationToken)"/>
/// once the request headers are sent; the body stream is handed to the call's writer, and the body ends
/// (END_STREAM) when the writer completes.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent()
    {
        Headers.TryAddWithoutValidation("content-type", GrpcProtocolConstants.ContentType);
    }

    /// <summary>The body stream, once the handler has started sending the request.</summary>
    public Task<Stream> StreamTask => _stream.Task;

    public bool IsCompleted => _completed.Task.IsCompleted;

    /// <summary>Ends the request body (half-close).</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Ends the body without END_STREAM mattering any more: the call is over.</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        return cancellationToken.CanBeCanceled ? _completed.Task.WaitAsync(cancellationToken) : _completed.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
