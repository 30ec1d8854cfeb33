using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace VetActors.GrpcApi.Errors.Internal;

/// <summary>
/// Ends every call that threw with the status of <see cref="StatusMapping"/>. It runs outermost, so refusals of the
/// authorization layer and domain exceptions of grains all leave the same way; anything unmapped is INTERNAL with a
/// generic message and the detail only in the log.
/// </summary>
internal sealed partial class ExceptionMappingInterceptor(ILogger<ExceptionMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        }

        if (StatusMapping.Find(exception) is { } code)
        {
            LogMapped(logger, context.Method, code, exception);
            return StatusMapping.ToRpcException(exception, code);
        }

        LogUnhandled(logger, context.Method, exception);
        return new RpcException(new Status(StatusCode.Internal, StatusMapping.InternalMessage));
    }

    [LoggerMessage(EventId = 8010, Level = LogLevel.Debug, Message = "RPC {Method} ended with {Code}")]
    private static partial void LogMapped(ILogger logger, string method, StatusCode code, Exception exception);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Error, Message = "RPC {Method} failed unexpectedly")]
    private static partial void LogUnhandled(ILogger logger, string method, Exception exception);
}
