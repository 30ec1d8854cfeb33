using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

internal sealed partial class GrpcServerCallContext
{
    private bool _responseHeadersPrepared;
    private ICompressionProvider? _responseCompression;
    private string? _requestedResponseEncoding;
    private bool _rejectedRequestEncoding;

    /// <summary>The request's <c>grpc-encoding</c>, or null.</summary>
    public string? RequestEncoding
    {
        get
        {
            var value = _httpContext!.Request.Headers.GrpcEncoding;
            return value.Count == 0 ? null : value.ToString();
        }
    }

    /// <summary>Remembers that a message came in an unknown encoding, so the status carries <c>grpc-accept-encoding</c>.</summary>
    public void RejectRequestEncoding() => _rejectedRequestEncoding = true;

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        var response = _httpContext!.Response;
        if (response.HasStarted || _responseHeadersPrepared)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }
        foreach (var entry in responseHeaders)
        {
            if (entry.Key == GrpcProtocolConstants.CompressionRequestHeader)
            {
                _requestedResponseEncoding = entry.IsBinary ? null : entry.Value;
                continue;
            }
            response.Headers.Append(entry.Key, MetadataHeaders.FormatValue(entry));
        }
        PrepareResponseHeaders();
        if (_deadline is { } deadline)
        {
            lock (deadline.Lock)
            {
                if (deadline.IsExceeded)
                {
                    return Task.CompletedTask;
                }
                return deadline.PendingWrite = FlushAsTask();
            }
        }
        return FlushAsTask();
    }

    /// <summary>Writes one response message (no flush). The caller holds the deadline lock when there is a deadline.</summary>
    public void WriteMessage<TResponse>(TResponse message, Action<TResponse, SerializationContext> serializer, WriteOptions? options)
    {
        PrepareResponseHeaders();
        var compress = _responseCompression is not null && (options is null || (options.Flags & WriteFlags.NoCompress) == 0);
        var context = SerializationContext;
        context.Begin(_responseWriter!, compress ? _responseCompression : null, _settings.ResponseCompressionLevel, _settings.MaxSendMessageSize);
        try
        {
            serializer(message, context);
            context.End();
        }
        finally
        {
            context.Clear();
        }
    }

    public Task FlushAsTask()
    {
        var flush = _responseWriter!.FlushAsync();
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
            return Task.CompletedTask;
        }
        return flush.AsTask();
    }

    /// <summary>
    /// Settles the response headers before the first byte of the response: the response encoding, from a
    /// handler's <c>grpc-internal-encoding-request</c> or the options, used only if the client accepts it.
    /// </summary>
    private void PrepareResponseHeaders()
    {
        if (_responseHeadersPrepared)
        {
            return;
        }
        _responseHeadersPrepared = true;
        var headers = _httpContext!.Response.Headers;
        var requested = _requestedResponseEncoding;
        if (requested is null && headers.TryGetValue(GrpcProtocolConstants.CompressionRequestHeader, out var set))
        {
            requested = set.ToString();
            headers.Remove(GrpcProtocolConstants.CompressionRequestHeader);
        }
        var provider = requested is null ? _settings.ResponseCompression : _settings.FindProvider(requested);
        if (provider is not null && ClientAccepts(_httpContext.Request.Headers.GrpcAcceptEncoding, provider.EncodingName))
        {
            _responseCompression = provider;
            headers.GrpcEncoding = provider.EncodingName;
        }
    }

    private static bool ClientAccepts(StringValues acceptEncoding, string encoding)
    {
        foreach (var value in acceptEncoding)
        {
            var remaining = value.AsSpan();
            while (!remaining.IsEmpty)
            {
                var comma = remaining.IndexOf(',');
                var item = (comma < 0 ? remaining : remaining[..comma]).Trim();
                if (item.Equals(encoding, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
                remaining = comma < 0 ? default : remaining[(comma + 1)..];
            }
        }
        return false;
    }
}
