using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Routing;

namespace VetActors.Rpc.Reflection.Internal;

/// <summary>
/// Builds the registry once, on first use: for mapped services that is the first reflection call,
/// when every endpoint of the application is in place.
/// </summary>
internal sealed class ReflectionRegistrySource
{
    private readonly Lazy<ReflectionRegistry> _registry;

    public ReflectionRegistrySource(IEnumerable<ServiceDescriptor> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var list = services.ToList();
        _registry = new Lazy<ReflectionRegistry>(() => new ReflectionRegistry(list));
    }

    public ReflectionRegistrySource(EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _registry = new Lazy<ReflectionRegistry>(() => new ReflectionRegistry(FromEndpoints(endpoints)));
    }

    public ReflectionRegistry Registry => _registry.Value;

    /// <summary>The services mapped with MapGrpcService, in mapping order; those without a protobuf descriptor are left out.</summary>
    internal static IEnumerable<ServiceDescriptor> FromEndpoints(EndpointDataSource endpoints)
    {
        var seen = new HashSet<Type>();
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
                && seen.Add(grpc.ServiceType)
                && ServiceDescriptorLocator.Find(grpc.ServiceType) is { } descriptor)
            {
                yield return descriptor;
            }
        }
    }
}
