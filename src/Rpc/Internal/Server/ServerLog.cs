using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Internal.Server;

/// <summary>The server's log messages (event ids 2100-2199).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(2100, LogLevel.Error, "Error status code '{StatusCode}' raised while handling {Method}: an exception was thrown by the handler.")]
    public static partial void HandlerException(ILogger logger, string method, Grpc.Core.StatusCode statusCode, Exception exception);

    [LoggerMessage(2101, LogLevel.Information, "Call {Method} ended with status {StatusCode} from an RpcException: {Detail}")]
    public static partial void RpcExceptionThrown(ILogger logger, string method, Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(2102, LogLevel.Debug, "Call {Method} exceeded its deadline {Deadline:O}.")]
    public static partial void DeadlineExceeded(ILogger logger, string method, DateTime deadline);

    [LoggerMessage(2103, LogLevel.Debug, "Ignoring the invalid grpc-timeout value '{Value}'.")]
    public static partial void InvalidTimeoutIgnored(ILogger logger, string value);

    [LoggerMessage(2104, LogLevel.Information, "Request content-type '{ContentType}' is not supported.")]
    public static partial void UnsupportedContentType(ILogger logger, string? contentType);

    [LoggerMessage(2105, LogLevel.Information, "Request protocol '{Protocol}' is not supported.")]
    public static partial void UnsupportedProtocol(ILogger logger, string protocol);

    [LoggerMessage(2106, LogLevel.Debug, "Call {Method} was cancelled by the client.")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(2107, LogLevel.Information, "Call {Method} failed to read its request: {StatusCode} {Detail}")]
    public static partial void RequestReadFailed(ILogger logger, string method, Grpc.Core.StatusCode statusCode, string detail);
}
