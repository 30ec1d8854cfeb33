using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Serves one method: validates the request, sets up the call context, runs the method-kind-specific part
/// and ends the call with its status. When everything completes synchronously (the usual unary call whose
/// request is already buffered) no async state machine and no Task is allocated here.
/// </summary>
internal abstract class ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class
    where TResponse : class
{
    // Kestrel's default MaxRequestBodySize; a larger receive limit needs Kestrel's own limit lifted.
    private const long KestrelDefaultMaxRequestBodySize = 30_000_000;

    protected ServerCallHandler(Method<TRequest, TResponse> method, ServerCallSettings settings, ServiceActivator<TService> activator, InterceptorActivator[] interceptors)
    {
        Method = method;
        Settings = settings;
        Activator = activator;
        Interceptors = interceptors;
    }

    public Method<TRequest, TResponse> Method { get; }

    protected ServerCallSettings Settings { get; }

    protected ServiceActivator<TService> Activator { get; }

    protected InterceptorActivator[] Interceptors { get; }

    protected abstract bool IsStreamingRequest { get; }

    public Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcRequestValidator.TryGetMode(httpContext, Settings.Logger, out var mode))
        {
            return Task.CompletedTask;
        }
        if (!string.Equals(httpContext.Request.Path.Value, Method.FullName, StringComparison.Ordinal))
        {
            // Endpoint routing ignores case; gRPC method names do not.
            UnimplementedCallHandler.WriteUnimplemented(httpContext, mode, IsSameService(httpContext.Request.Path.Value) ? "Method is unimplemented." : "Service is unimplemented.");
            return Task.CompletedTask;
        }
        if (IsStreamingRequest || Settings.MaxReceiveMessageSize is null or > (int)KestrelDefaultMaxRequestBodySize)
        {
            LiftRequestBodyLimits(httpContext, IsStreamingRequest);
        }
        var call = GrpcServerCallContext.Rent(httpContext);
        call.Initialize(httpContext, Method.FullName, Settings, mode);
        ValueTask handled;
        try
        {
            handled = HandleCallCoreAsync(httpContext, call);
        }
        catch (Exception ex)
        {
            handled = ValueTask.FromException(ex);
        }
        if (handled.IsCompletedSuccessfully)
        {
            // Consumed even when already complete, so a pooled source goes back to its pool.
            handled.GetAwaiter().GetResult();
            var ended = call.EndCallAsync(null);
            if (ended.IsCompletedSuccessfully)
            {
                call.Reset();
                return Task.CompletedTask;
            }
            return ResetAfterAsync(ended, call);
        }
        return AwaitHandlerAsync(handled, call);
    }

    private bool IsSameService(string? path) =>
        path is not null && path.Length > Method.ServiceName.Length + 1 && path.AsSpan(1, Method.ServiceName.Length).SequenceEqual(Method.ServiceName);

    protected abstract ValueTask HandleCallCoreAsync(HttpContext httpContext, GrpcServerCallContext call);

    protected (Interceptor Instance, bool Created)[] CreateInterceptors(HttpContext httpContext)
    {
        var instances = new (Interceptor, bool)[Interceptors.Length];
        for (var i = 0; i < instances.Length; i++)
        {
            var interceptor = Interceptors[i].Create(httpContext, out var created);
            instances[i] = (interceptor, created);
        }
        return instances;
    }

    protected static async ValueTask ReleaseInterceptorsAsync((Interceptor Instance, bool Created)[] interceptors)
    {
        foreach (var (instance, created) in interceptors)
        {
            await InterceptorActivator.ReleaseAsync(instance, created);
        }
    }

    /// <summary>Disposes a service instance the server created once its method's task completes.</summary>
    protected async Task<T> ReleaseAfterAsync<T>(Task<T> task, TService service)
    {
        try
        {
            return await task;
        }
        finally
        {
            await Activator.ReleaseAsync(service);
        }
    }

    protected async Task ReleaseAfterAsync(Task task, TService service)
    {
        try
        {
            await task;
        }
        finally
        {
            await Activator.ReleaseAsync(service);
        }
    }

    /// <summary>Writes the single response of a unary or client-streaming call, unless the deadline already ended it.</summary>
    protected void WriteSingleResponse(GrpcServerCallContext call, TResponse? response)
    {
        if (response is null)
        {
            // grpc-dotnet's status for a handler that returns no message.
            throw new RpcException(new Status(StatusCode.Cancelled, "No message returned from method."));
        }
        var serializer = Method.ResponseMarshaller.ContextualSerializer;
        var options = ((ServerCallContext)call).WriteOptions;
        if (call.CallDeadline is { } deadline)
        {
            lock (deadline.Lock)
            {
                if (!deadline.IsExceeded)
                {
                    call.WriteMessage(response, serializer, options);
                }
            }
            return;
        }
        call.WriteMessage(response, serializer, options);
    }

    private static async Task AwaitHandlerAsync(ValueTask handled, GrpcServerCallContext call)
    {
        Exception? error = null;
        try
        {
            await handled;
        }
        catch (Exception ex)
        {
            error = ex;
        }
        try
        {
            await call.EndCallAsync(error);
        }
        catch (Exception) when (call.HttpContext!.RequestAborted.IsCancellationRequested)
        {
            // The client is gone: the status has nowhere to go.
        }
        finally
        {
            call.Reset();
        }
    }

    private static async Task ResetAfterAsync(Task ended, GrpcServerCallContext call)
    {
        try
        {
            await ended;
        }
        finally
        {
            call.Reset();
        }
    }

    private static void LiftRequestBodyLimits(HttpContext httpContext, bool streaming)
    {
        // Streams may be long and slow by design, and the receive limit applies per message (grpc-dotnet #401).
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxSize)
        {
            maxSize.MaxRequestBodySize = null;
        }
        if (streaming && httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }
    }
}
