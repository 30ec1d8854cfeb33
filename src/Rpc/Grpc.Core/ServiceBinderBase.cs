namespace Grpc.Core;

/// <summary>
/// Receives a service's methods from its generated <c>BindService(ServiceBinderBase, TBase)</c>.
/// A server that creates a service instance per call passes a <c>null</c> implementation and so gets
/// <c>null</c> handlers: only the method descriptions.
/// </summary>
public class ServiceBinderBase
{
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw Unsupported();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw Unsupported();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw Unsupported();

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw Unsupported();

    private NotSupportedException Unsupported() => new($"{GetType().Name} does not bind this kind of method.");
}
