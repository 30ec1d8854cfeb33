using System.Buffers.Binary;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

internal sealed partial class GrpcServerCallContext
{
    private static readonly string[] StatusCodeStrings = [.. Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// Ends the call with the handler's status, or the one its exception maps to. Completes synchronously
    /// unless the deadline fired first, in which case its status stands and this waits for it.
    /// </summary>
    public Task EndCallAsync(Exception? exception)
    {
        if (_deadline?.Complete() is { } deadlineWork)
        {
            return deadlineWork;
        }
        Metadata? exceptionTrailers = null;
        var status = exception is null ? _status : StatusFromException(exception, out exceptionTrailers);
        WriteStatus(status, exceptionTrailers);
        if (_responseWriter is Web.Base64ResponseWriter textWriter)
        {
            textWriter.Commit();
        }
        return Task.CompletedTask;
    }

    private Status StatusFromException(Exception exception, out Metadata? trailers)
    {
        trailers = null;
        if (exception is RpcException rpc)
        {
            ServerLog.RpcExceptionThrown(_settings.Logger, _method, rpc.StatusCode, rpc.Status.Detail);
            trailers = rpc.Trailers;
            return rpc.Status;
        }
        if (_httpContext!.RequestAborted.IsCancellationRequested)
        {
            // The client is gone (RST_STREAM or connection loss): whatever the handler threw, nobody reads the status.
            ServerLog.CallCancelled(_settings.Logger, _method);
            return new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }
        ServerLog.HandlerException(_settings.Logger, _method, StatusCode.Unknown, exception);
        var detail = _settings.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        return new Status(StatusCode.Unknown, detail, exception);
    }

    /// <summary>
    /// Writes the status: into the response headers (Trailers-Only) when nothing was sent yet, otherwise into
    /// the HTTP trailers, or for gRPC-Web into a trailers frame at the end of the body.
    /// </summary>
    internal void WriteStatus(Status status, Metadata? extraTrailers)
    {
        var response = _httpContext!.Response;
        // A written message may still sit unflushed in the pipe (HasStarted is false then): only a call that
        // produced nothing at all is Trailers-Only.
        if (!response.HasStarted && !_responseHeadersPrepared)
        {
            var headers = response.Headers;
            if (_rejectedRequestEncoding)
            {
                headers.GrpcAcceptEncoding = _settings.AcceptEncoding;
            }
            headers.GrpcStatus = StatusString(status.StatusCode);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                headers.GrpcMessage = PercentEncoding.Encode(status.Detail);
            }
            AppendMetadata(headers, _responseTrailers);
            AppendMetadata(headers, extraTrailers);
            return;
        }
        if (WebMode != GrpcWebMode.None)
        {
            WriteWebTrailersFrame(status, extraTrailers);
            return;
        }
        var trailers = _httpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
            ?? throw new InvalidOperationException("The transport does not support trailers.");
        trailers.GrpcStatus = StatusString(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            trailers.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }
        AppendMetadata(trailers, _responseTrailers);
        AppendMetadata(trailers, extraTrailers);
    }

    private void WriteWebTrailersFrame(Status status, Metadata? extraTrailers)
    {
        // PROTOCOL-WEB.md: trailers travel as an HTTP/1-style header block (lowercase names) in a frame flagged 0x80.
        var block = new StringBuilder();
        block.Append("grpc-status:").Append(StatusString(status.StatusCode)).Append("\r\n");
        if (!string.IsNullOrEmpty(status.Detail))
        {
            block.Append("grpc-message:").Append(PercentEncoding.Encode(status.Detail)).Append("\r\n");
        }
        AppendMetadata(block, _responseTrailers);
        AppendMetadata(block, extraTrailers);
        var text = block.ToString();
        var length = Encoding.ASCII.GetByteCount(text);
        var span = _responseWriter!.GetSpan(GrpcProtocolConstants.MessageHeaderSize + length);
        span[0] = GrpcProtocolConstants.GrpcWebTrailersFlag;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        Encoding.ASCII.GetBytes(text, span[GrpcProtocolConstants.MessageHeaderSize..]);
        _responseWriter.Advance(GrpcProtocolConstants.MessageHeaderSize + length);
    }

    private static void AppendMetadata(IHeaderDictionary headers, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, MetadataHeaders.FormatValue(entry));
        }
    }

    private static void AppendMetadata(StringBuilder block, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }
        foreach (var entry in metadata)
        {
            block.Append(entry.Key).Append(':').Append(MetadataHeaders.FormatValue(entry)).Append("\r\n");
        }
    }

    private static string StatusString(StatusCode code)
    {
        var value = (int)code;
        return (uint)value < (uint)StatusCodeStrings.Length ? StatusCodeStrings[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
