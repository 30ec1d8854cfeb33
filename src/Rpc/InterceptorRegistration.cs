using Grpc.Core.Interceptors;

namespace VetActors.Rpc;

/// <summary>
/// A server interceptor type and the constructor arguments it is created with. Each call gets an instance:
/// resolved from DI when the type is registered there, otherwise created with these arguments plus services.
/// </summary>
public sealed class InterceptorRegistration
{
    public InterceptorRegistration(Type type, object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!typeof(Interceptor).IsAssignableFrom(type))
        {
            throw new ArgumentException($"Type {type} is not a {typeof(Interceptor).FullName}.", nameof(type));
        }
        Type = type;
        Arguments = arguments;
    }

    public Type Type { get; }

    public IReadOnlyList<object> Arguments { get; }
}
