using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace VetActors.Rpc.Internal.Server;

/// <summary>A server-streaming call: one request, a response stream.</summary>
internal sealed class ServerStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerCallSettings settings,
    ServiceActivator<TService> activator,
    InterceptorActivator[] interceptors,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, interceptors)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override bool IsStreamingRequest => false;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask HandleCallCoreAsync(HttpContext httpContext, GrpcServerCallContext call)
    {
        var request = await MessageReader.ReadSingleMessageAsync(call, Method.RequestMarshaller.ContextualDeserializer);
        var writer = new ServerStreamWriter<TResponse>(call, Method.ResponseMarshaller.ContextualSerializer);
        try
        {
            if (Interceptors.Length == 0)
            {
                await InvokeService(httpContext, request, writer, call);
                return;
            }
            var interceptors = CreateInterceptors(httpContext);
            try
            {
                ServerStreamingServerMethod<TRequest, TResponse> next = (r, w, c) => InvokeService(httpContext, r, w, c);
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var interceptor = interceptors[i].Instance;
                    var inner = next;
                    next = (r, w, c) => interceptor.ServerStreamingServerHandler(r, w, c, inner);
                }
                await next(request, writer, call);
            }
            finally
            {
                await ReleaseInterceptorsAsync(interceptors);
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private Task InvokeService(HttpContext httpContext, TRequest request, IServerStreamWriter<TResponse> writer, ServerCallContext context)
    {
        var service = Activator.Create(httpContext);
        var task = invoker(service, request, writer, context);
        return Activator.NeedsRelease ? ReleaseAfterAsync(task, service) : task;
    }
}
