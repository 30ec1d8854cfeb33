using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// The application's service registrations, kept by <c>AddGrpc()</c> so that mapping can tell which of a gRPC
/// service's dependencies are singletons: a service needing nothing else is built from the root provider,
/// which spares every call the request's DI scope (created on first use of <c>RequestServices</c>, disposed
/// after the request). The same instances come back either way.
/// </summary>
internal sealed class ServiceLifetimes(IServiceCollection services)
{
    /// <summary>True when the registration the container would use for <paramref name="serviceType"/> is a singleton.</summary>
    public bool IsSingleton(Type serviceType)
    {
        // The container resolves a single service from its last registration, and a constructed generic type
        // without one of its own (ILogger<T>, IOptions<T>) from the last registration of its open definition.
        if (FindLast(serviceType) is { } exact)
        {
            return exact.Lifetime == ServiceLifetime.Singleton;
        }
        return serviceType.IsConstructedGenericType && FindLast(serviceType.GetGenericTypeDefinition())?.Lifetime == ServiceLifetime.Singleton;
    }

    private ServiceDescriptor? FindLast(Type serviceType)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == serviceType && !descriptor.IsKeyedService)
            {
                return descriptor;
            }
        }
        return null;
    }
}
