using System.Net;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// The body of a call with one request: the framed message, already serialized into a pooled buffer,
/// written in one go. No length is announced, as in grpc-dotnet.
/// </summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private PooledBufferWriter? _frame;

    public UnaryRequestContent(PooledBufferWriter frame)
    {
        _frame = frame;
        Headers.TryAddWithoutValidation("content-type", GrpcProtocolConstants.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var frame = Interlocked.Exchange(ref _frame, null) ?? throw new InvalidOperationException("The request body was already sent.");
        try
        {
            await stream.WriteAsync(frame.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            frame.Dispose();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _frame, null)?.Dispose();
        }
        base.Dispose(disposing);
    }
}
