using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace VetActors.Rpc.Internal.Server;

/// <summary>A client-streaming call: a request stream, one response.</summary>
internal sealed class ClientStreamingServerCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerCallSettings settings,
    ServiceActivator<TService> activator,
    InterceptorActivator[] interceptors,
    Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoker)
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
        TResponse response;
        if (Interceptors.Length == 0)
        {
            response = await InvokeService(httpContext, reader, call);
        }
        else
        {
            var interceptors = CreateInterceptors(httpContext);
            try
            {
                ClientStreamingServerMethod<TRequest, TResponse> next = (r, c) => InvokeService(httpContext, r, c);
                for (var i = interceptors.Length - 1; i >= 0; i--)
                {
                    var interceptor = interceptors[i].Instance;
                    var inner = next;
                    next = (r, c) => interceptor.ClientStreamingServerHandler(r, c, inner);
                }
                response = await next(reader, call);
            }
            finally
            {
                await ReleaseInterceptorsAsync(interceptors);
            }
        }
        WriteSingleResponse(call, response);
    }

    private Task<TResponse> InvokeService(HttpContext httpContext, IAsyncStreamReader<TRequest> reader, ServerCallContext context)
    {
        var service = Activator.Create(httpContext);
        var task = invoker(service, reader, context);
        return Activator.NeedsRelease ? ReleaseAfterAsync(task, service) : task;
    }
}
