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
        var seenTypes = new HashSet<Type>();
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints)
        {
            // Two implementation types of one service (mapped on different routes) are one service to clients.
            if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
                && seenTypes.Add(grpc.ServiceType)
                && ServiceDescriptorLocator.Find(grpc.ServiceType) is { } descriptor
                && seenNames.Add(descriptor.FullName))
            {
                yield return descriptor;
            }
        }
    }
}
