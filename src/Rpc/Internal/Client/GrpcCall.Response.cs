using System.Runtime.CompilerServices;
using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Client;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    /// <summary>The single response of a unary or client-streaming call.</summary>
    public async Task<TResponse> GetResponseAsync()
    {
        try
        {
            var response = await ResponseTask.ConfigureAwait(false) ?? throw CreateException();
            var reader = await GetReaderAsync(response).ConfigureAwait(false);
            var message = await reader.ReadMessageAsync(_method.ResponseMarshaller, CallToken).ConfigureAwait(false);
            if (message is null)
            {
                FinishFromTrailers(response, expectedMessage: true);
                throw CreateException();
            }
            if (!await reader.IsAtEndAsync(CallToken).ConfigureAwait(false))
            {
                throw new RpcException(new Status(StatusCode.Internal, "Unexpected data after finished reading message."));
            }
            FinishFromTrailers(response, expectedMessage: false);
            return GetStatus().StatusCode == StatusCode.OK ? message : throw CreateException();
        }
        catch (Exception ex)
        {
            FinishFromException(ex);
            throw CreateException();
        }
    }

    /// <summary>The next message of a response stream, or <c>null</c> when the stream ended with OK.</summary>
    internal async Task<TResponse?> ReadStreamMessageAsync()
    {
        try
        {
            var status = GetStatusIfFinished();
            if (status is not null)
            {
                return status.Value.StatusCode == StatusCode.OK ? null : throw CreateException();
            }
            var response = await ResponseTask.ConfigureAwait(false);
            if (response is null)
            {
                return GetStatus().StatusCode == StatusCode.OK ? null : throw CreateException();
            }
            var reader = await GetReaderAsync(response).ConfigureAwait(false);
            var message = await reader.ReadMessageAsync(_method.ResponseMarshaller, CallToken).ConfigureAwait(false);
            if (message is not null)
            {
                return message;
            }
            FinishFromTrailers(response, expectedMessage: false);
            return GetStatus().StatusCode == StatusCode.OK ? null : throw CreateException();
        }
        catch (Exception ex)
        {
            FinishFromException(ex);
            throw CreateException();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ResponseMessageReader> GetReaderAsync(HttpResponseMessage response)
    {
        if (_reader is { } reader)
        {
            return reader;
        }
        var stream = await response.Content.ReadAsStreamAsync(CallToken).ConfigureAwait(false);
        var encoding = ResponseProtocol.GetValue(response.Headers, GrpcProtocolConstants.EncodingHeader);
        ICompressionProvider? provider = null;
        if (encoding is not null)
        {
            _channel.Compression.Providers.TryGetValue(encoding, out provider);
        }
        return _reader = new ResponseMessageReader(stream, _channel.MaxReceiveMessageSize, encoding, provider);
    }

    /// <summary>Ends the call with the status in the trailers (read once the body has ended).</summary>
    private void FinishFromTrailers(HttpResponseMessage response, bool expectedMessage)
    {
        var trailers = response.TrailingHeaders;
        var status = ResponseProtocol.GetStatus(trailers)
            ?? new Status(StatusCode.Unknown, "No grpc-status found on response.");
        if (expectedMessage && status.StatusCode == StatusCode.OK)
        {
            status = new Status(StatusCode.Internal, "Failed to deserialize response message. The response ended without a message.");
        }
        Finish(status, trailers);
    }

    /// <summary>The status for a failure: a status already recorded wins, then the failure's own meaning.</summary>
    private Status ResolveFailureStatus(Exception exception)
    {
        if (GetStatusIfFinished() is { } finished)
        {
            return finished;
        }
        if (exception is RpcException rpc)
        {
            return rpc.Status;
        }
        if (exception is OperationCanceledException && CallToken.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.", exception);
        }
        if (ResponseProtocol.FindProtocolException(exception) is { } protocol)
        {
            var status = ResponseProtocol.FromHttp2ErrorCode(protocol.ErrorCode, exception);
            // A reset that arrives once the deadline has passed is the server enforcing it (grpc-dotnet #1402).
            if (status.StatusCode == StatusCode.Cancelled && _deadline != DateTime.MaxValue
                && _channel.TimeProvider.GetUtcNow().UtcDateTime >= _deadline)
            {
                return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", exception);
            }
            return status;
        }
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.VersionNegotiationError } =>
                new Status(StatusCode.Internal, $"Bad gRPC response. The server does not speak HTTP/2: {exception.Message}", exception),
            HttpRequestException or IOException =>
                new Status(StatusCode.Unavailable, $"Error connecting to the server. {exception.GetType().Name}: {exception.Message}", exception),
            _ => new Status(StatusCode.Internal, $"Error in the gRPC call. {exception.GetType().Name}: {exception.Message}", exception),
        };
    }
}
