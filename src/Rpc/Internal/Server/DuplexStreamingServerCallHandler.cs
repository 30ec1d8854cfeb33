using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace VetActors.Rpc.Internal.Server;

/// <summary>A bidirectional-streaming call: a request stream and a response stream.</summary>
internal sealed class DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerCallSettings settings,
    ServiceActivator<TService> activator,
    InterceptorActivator[] interceptors,
    Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, interceptors)
    where TService : class
    where TRequest : class
    where TResponse : class
{
    protected override bool IsStreamingRequest => true;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask HandleCallCoreAsync(HttpContext httpContext, GrpcServerCallContext call)
    {
        var reader = new ServerStreamReader<TRequest>(call, Method.RequestMarshaller.ContextualDeserializer);
        var writer = new ServerStreamWriter<TResponse>(call, Method.ResponseMarshaller.ContextualSerializer);
        try
        {
            if (Interceptors.Length == 0)
            {
                await InvokeService(httpContext, reader, writer, call);
                return;
            }
            var interceptors = CreateInterceptors(httpContext);
            try
            {
                DuplexStreamingServerMethod<TRequest, TResponse> next = (r, w, c) => InvokeService(httpContext, r, w, c);
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var interceptor = interceptors[i].Instance;
                    var inner = next;
                    next = (r, w, c) => interceptor.DuplexStreamingServerHandler(r, w, c, inner);
                }
                await next(reader, writer, call);
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

    private Task InvokeService(HttpContext httpContext, IAsyncStreamReader<TRequest> reader, IServerStreamWriter<TResponse> writer, ServerCallContext context)
    {
        var service = Activator.Create(httpContext);
        var task = invoker(service, reader, writer, context);
        return Activator.NeedsRelease ? ReleaseAfterAsync(task, service) : task;
    }
}
