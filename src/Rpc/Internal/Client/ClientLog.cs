using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Internal.Client;

/// <summary>The client channel's log messages (event ids 2100-2199).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Starting {MethodType} call to {Method}.")]
    public static partial void StartingCall(ILogger logger, MethodType methodType, string method);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Call to {Method} finished with OK.")]
    public static partial void CallFinished(ILogger logger, string method);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Call to {Method} finished with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail, Exception? exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Deadline of the call to {Method} passed; cancelling it.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);
}
