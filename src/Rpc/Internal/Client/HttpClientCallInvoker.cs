using Grpc.Core;
using VetActors.Rpc.Client;

namespace VetActors.Rpc.Internal.Client;

/// <summary>Starts calls on a <see cref="GrpcChannel"/>; the call objects take static callbacks plus the call as state.</summary>
internal sealed class HttpClientCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        // With a SynchronizationContext (UI, old ASP.NET), start the call on the thread pool so that no
        // continuation (a credentials interceptor's, say) needs the thread blocked below.
        var call = SynchronizationContext.Current is null
            ? AsyncUnaryCall(method, host, options, request)
            : Task.Run(() => AsyncUnaryCall(method, host, options, request)).GetAwaiter().GetResult();
        using (call)
        {
            return call.ResponseAsync.GetAwaiter().GetResult();
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        call.StartUnaryRequest(request);
        return new AsyncUnaryCall<TResponse>(
            call.GetResponseAsync(),
            Callbacks<TRequest, TResponse>.GetResponseHeadersAsync,
            Callbacks<TRequest, TResponse>.GetStatus,
            Callbacks<TRequest, TResponse>.GetTrailers,
            Callbacks<TRequest, TResponse>.Dispose,
            call);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        call.StartUnaryRequest(request);
        return new AsyncServerStreamingCall<TResponse>(
            new ResponseStreamReader<TRequest, TResponse>(call),
            Callbacks<TRequest, TResponse>.GetResponseHeadersAsync,
            Callbacks<TRequest, TResponse>.GetStatus,
            Callbacks<TRequest, TResponse>.GetTrailers,
            Callbacks<TRequest, TResponse>.Dispose,
            call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        call.StartStreamingRequest();
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            new ClientStreamWriter<TRequest, TResponse>(call),
            call.GetResponseAsync(),
            Callbacks<TRequest, TResponse>.GetResponseHeadersAsync,
            Callbacks<TRequest, TResponse>.GetStatus,
            Callbacks<TRequest, TResponse>.GetTrailers,
            Callbacks<TRequest, TResponse>.Dispose,
            call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, host, options);
        call.StartStreamingRequest();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ClientStreamWriter<TRequest, TResponse>(call),
            new ResponseStreamReader<TRequest, TResponse>(call),
            Callbacks<TRequest, TResponse>.GetResponseHeadersAsync,
            Callbacks<TRequest, TResponse>.GetStatus,
            Callbacks<TRequest, TResponse>.GetTrailers,
            Callbacks<TRequest, TResponse>.Dispose,
            call);
    }

    /// <summary>Cached delegates over the call passed as state: no closure per call.</summary>
    private static class Callbacks<TRequest, TResponse>
        where TRequest : class
        where TResponse : class
    {
        public static readonly Func<object, Task<Metadata>> GetResponseHeadersAsync = static s => ((GrpcCall<TRequest, TResponse>)s).GetResponseHeadersAsync();
        public static readonly Func<object, Status> GetStatus = static s => ((GrpcCall<TRequest, TResponse>)s).GetStatus();
        public static readonly Func<object, Metadata> GetTrailers = static s => ((GrpcCall<TRequest, TResponse>)s).GetTrailers();
        public static readonly Action<object> Dispose = static s => ((GrpcCall<TRequest, TResponse>)s).Dispose();
    }
}
