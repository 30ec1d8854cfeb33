namespace Grpc.Core;

/// <summary>Passes every call on with a fixed host.</summary>
internal sealed class HostOverridingCallInvoker(CallInvoker inner, string host) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) =>
        inner.BlockingUnaryCall(method, host, options, request);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) =>
        inner.AsyncUnaryCall(method, host, options, request);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options, TRequest request) =>
        inner.AsyncServerStreamingCall(method, host, options, request);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options) =>
        inner.AsyncClientStreamingCall(method, host, options);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? _, CallOptions options) =>
        inner.AsyncDuplexStreamingCall(method, host, options);
}
