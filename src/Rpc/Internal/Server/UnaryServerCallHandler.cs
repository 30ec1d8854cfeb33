using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// A unary call: one request (read up to END_STREAM), one response written straight into the response pipe
/// without a flush, so Kestrel sends the DATA frame and the trailers together when the call returns.
/// </summary>
internal sealed class UnaryServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerCallSettings settings,
    ServiceActivator<TService> activator,
    InterceptorActivator[] interceptors,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, interceptors)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override bool IsStreamingRequest => false;

    protected override ValueTask HandleCallCoreAsync(HttpContext httpContext, GrpcServerCallContext call)
    {
        var read = MessageReader.ReadSingleMessageAsync(call, Method.RequestMarshaller.ContextualDeserializer);
        if (!read.IsCompletedSuccessfully)
        {
            return AwaitRequestAsync(read, httpContext, call);
        }
        return Invoke(httpContext, call, read.Result);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitRequestAsync(ValueTask<TRequest> read, HttpContext httpContext, GrpcServerCallContext call) =>
        await Invoke(httpContext, call, await read);

    private ValueTask Invoke(HttpContext httpContext, GrpcServerCallContext call, TRequest request)
    {
        var response = Interceptors.Length == 0 ? InvokeService(httpContext, request, call) : InvokeInterceptedAsync(httpContext, request, call);
        if (response.IsCompletedSuccessfully)
        {
            WriteSingleResponse(call, response.Result);
            return default;
        }
        return AwaitResponseAsync(response, call);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitResponseAsync(Task<TResponse> response, GrpcServerCallContext call) => WriteSingleResponse(call, await response);

    private Task<TResponse> InvokeService(HttpContext httpContext, TRequest request, ServerCallContext context)
    {
        var service = Activator.Create(httpContext);
        var task = invoker(service, request, context);
        return Activator.NeedsRelease ? ReleaseAfterAsync(task, service) : task;
    }

    private async Task<TResponse> InvokeInterceptedAsync(HttpContext httpContext, TRequest request, GrpcServerCallContext call)
    {
        var interceptors = CreateInterceptors(httpContext);
        try
        {
            UnaryServerMethod<TRequest, TResponse> next = (r, c) => InvokeService(httpContext, r, c);
            for (var i = interceptors.Length - 1; i >= 0; i--)
            {
                var interceptor = interceptors[i].Instance;
                var inner = next;
                next = (r, c) => interceptor.UnaryServerHandler(r, c, inner);
            }
            return await next(request, call);
        }
        finally
        {
            await ReleaseInterceptorsAsync(interceptors);
        }
    }
}
