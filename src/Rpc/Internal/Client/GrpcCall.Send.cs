using System.Net;
using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Client;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private const string UserAgent = "grpc-dotnet-vetactors/1.0";

    private async Task<HttpResponseMessage?> SendAsync(HttpContent content)
    {
        HttpResponseMessage? response = null;
        try
        {
            var request = CreateRequest(content);
            if (ResolveCallCredentials() is { } credentials)
            {
                await ApplyCredentialsAsync(request, credentials).ConfigureAwait(false);
            }
            if (IsFinished)
            {
                return null;
            }

            var token = CallToken;
            response = _channel.IsHttpClient
                ? await ((HttpClient)_channel.Invoker).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false)
                : await _channel.Invoker.SendAsync(request, token).ConfigureAwait(false);
            return HandleResponseHeaders(response);
        }
        catch (Exception ex)
        {
            response?.Dispose();
            FinishFromException(ex);
            return null;
        }
    }

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Content = content,
            // HTTP/2 exactly: prior knowledge on http://, ALPN h2 on https://, never a downgrade.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = request.Headers;
        if (_host is not null)
        {
            headers.Host = _host;
        }
        headers.TryAddWithoutValidation(GrpcProtocolConstants.TeHeader, GrpcProtocolConstants.TeTrailers);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.UserAgentHeader, UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.AcceptEncodingHeader, _channel.Compression.AcceptEncoding);
        if (_deadline != DateTime.MaxValue)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(_deadline - _channel.TimeProvider.GetUtcNow().UtcDateTime));
        }
        if (_requestCompression is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.EncodingHeader, _requestCompression.EncodingName);
        }
        if (_options.Headers is { Count: > 0 } metadata)
        {
            foreach (var entry in metadata)
            {
                if (entry.Key == GrpcProtocolConstants.CompressionRequestHeader)
                {
                    continue;
                }
                headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.FormatValue(entry));
            }
        }
        return request;
    }

    /// <summary>
    /// The encoding named by <c>grpc-internal-encoding-request</c> in the call's headers (grpc-dotnet's
    /// convention); it is not sent as metadata.
    /// </summary>
    private ICompressionProvider? ResolveRequestCompression()
    {
        var name = _options.Headers?.Get(GrpcProtocolConstants.CompressionRequestHeader)?.Value;
        if (name is null || name == GrpcProtocolConstants.IdentityEncoding)
        {
            return null;
        }
        if (!_channel.Compression.Providers.TryGetValue(name, out var provider))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Could not find compression provider for '{name}'."));
        }
        return _requestCompression = provider;
    }

    private IReadOnlyList<AsyncAuthInterceptor>? ResolveCallCredentials()
    {
        var channelCredentials = _channel.ChannelCallCredentials;
        // As in grpc-dotnet, call credentials travel only over TLS unless the channel opts in.
        var callCredentials = _channel.IsSecure || _channel.UnsafeUseInsecureChannelCallCredentials ? _options.Credentials : null;
        if (channelCredentials is null && callCredentials is null)
        {
            return null;
        }
        return [.. channelCredentials?.Interceptors ?? [], .. callCredentials?.Interceptors ?? []];
    }

    private async Task ApplyCredentialsAsync(HttpRequestMessage request, IReadOnlyList<AsyncAuthInterceptor> interceptors)
    {
        var serviceUrl = _channel.GetServiceUrl(_method);
        var context = new AuthInterceptorContext(serviceUrl, _method.Name, CallToken);
        var metadata = new Metadata();
        try
        {
            foreach (var interceptor in interceptors)
            {
                await interceptor(context, metadata).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not RpcException && !CallToken.IsCancellationRequested)
        {
            // C-core reports a failing credentials plugin as UNAVAILABLE.
            throw new RpcException(new Status(StatusCode.Unavailable, $"Error getting metadata from the call credentials: {ex.Message}", ex));
        }
        foreach (var entry in metadata)
        {
            request.Headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.FormatValue(entry));
        }
    }

    /// <summary>
    /// Checks the response headers. Returns the response when messages may follow; ends the call and
    /// returns <c>null</c> for a Trailers-Only response or a response that is not gRPC.
    /// </summary>
    private HttpResponseMessage? HandleResponseHeaders(HttpResponseMessage response)
    {
        bool failed;
        lock (_lock)
        {
            _response = response;
            failed = _status is { StatusCode: not StatusCode.OK };
        }
        if (failed)
        {
            // The call ended (cancelled, deadline) while the headers were on their way: Finish could not
            // reset a stream it did not have yet, so reset it here.
            response.Dispose();
            return null;
        }
        if (response.Version.Major != 2)
        {
            Finish(new Status(StatusCode.Internal, $"Bad gRPC response. Response protocol downgraded to HTTP/{response.Version.ToString(2)}."), null);
            return null;
        }

        if (ResponseProtocol.GetStatus(response.Headers) is { } trailersOnlyStatus)
        {
            // Trailers-Only: the one HEADERS frame holds the status and the trailing metadata.
            var metadata = response.Headers;
            if (trailersOnlyStatus.StatusCode == StatusCode.OK && _method.Type is MethodType.Unary or MethodType.ClientStreaming)
            {
                trailersOnlyStatus = new Status(StatusCode.Internal, "Failed to deserialize response message. The response ended without a message.");
            }
            else if (trailersOnlyStatus.StatusCode == StatusCode.OK)
            {
                // A failed Trailers-Only response leaves no headers: ResponseHeadersAsync throws, as in grpc-dotnet.
                _responseHeaderSource = metadata;
            }
            Finish(trailersOnlyStatus, metadata);
            return null;
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Finish(ResponseProtocol.FromHttpStatus(response.StatusCode), null);
            return null;
        }
        var contentType = ResponseProtocol.GetValue(response.Content.Headers, GrpcProtocolConstants.ContentTypeHeader);
        if (contentType is null || !contentType.StartsWith(GrpcProtocolConstants.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            // grpc-dotnet reports a 200 that is not gRPC as CANCELLED.
            Finish(new Status(StatusCode.Cancelled, contentType is null
                ? "Bad gRPC response. Response did not have a content-type header."
                : $"Bad gRPC response. Invalid content-type value: {contentType}"), null);
            return null;
        }

        _responseHeaderSource = response.Headers;
        RequestContent?.StopReplay();
        return IsFinished ? null : response;
    }

    private async Task<Metadata> ResponseHeadersCoreAsync()
    {
        await ResponseTask.ConfigureAwait(false);
        if (_responseHeaderSource is null)
        {
            throw CreateException();
        }
        return _responseHeaders ??= ResponseProtocol.GetMetadata(_responseHeaderSource);
    }
}
