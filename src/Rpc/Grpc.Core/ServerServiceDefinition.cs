namespace Grpc.Core;

/// <summary>
/// A service as a set of methods with their handlers, built by the generated
/// <c>BindService(TBase)</c>; a server binds it to route calls to a single service instance.
/// </summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings, IReadOnlyList<IMethod> methods)
    {
        _bindings = bindings;
        Methods = methods;
    }

    /// <summary>The methods, in the order they were added.</summary>
    internal IReadOnlyList<IMethod> Methods { get; }

    /// <summary>Hands every method and its handler to <paramref name="serviceBinder"/>.</summary>
    internal void BindService(ServiceBinderBase serviceBinder)
    {
        foreach (var bind in _bindings)
        {
            bind(serviceBinder);
        }
    }

    public static Builder CreateBuilder() => new();

    /// <summary>Collects methods and handlers; a method name may be added once.</summary>
    public class Builder
    {
        private readonly List<Action<ServiceBinderBase>> _bindings = [];
        private readonly List<IMethod> _methods = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(method, handler, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(method, handler, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(method, handler, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class =>
            Add(method, handler, binder => binder.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new(_bindings.ToArray(), _methods.ToArray());

        private Builder Add(IMethod method, Delegate handler, Action<ServiceBinderBase> bind)
        {
            ArgumentNullException.ThrowIfNull(method);
            ArgumentNullException.ThrowIfNull(handler);
            if (!_names.Add(method.FullName))
            {
                throw new ArgumentException($"Method {method.FullName} was already added.", nameof(method));
            }
            _methods.Add(method);
            _bindings.Add(bind);
            return this;
        }
    }
}
