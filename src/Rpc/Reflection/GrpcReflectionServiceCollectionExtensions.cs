using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.Rpc.Reflection;
using VetActors.Rpc.Reflection.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers gRPC server reflection, as Grpc.AspNetCore.Server.Reflection does.</summary>
public static class GrpcReflectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the v1 and v1alpha reflection services, describing every gRPC service the application maps
    /// (found from the endpoints on the first reflection call). Map them with <c>app.MapGrpcReflectionService()</c>.
    /// </summary>
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddRouting();
        services.TryAddSingleton(static sp => new ReflectionRegistrySource(sp.GetRequiredService<EndpointDataSource>()));
        services.TryAddSingleton(static sp => new ReflectionServiceImpl(sp.GetRequiredService<ReflectionRegistrySource>()));
        services.TryAddSingleton(static sp => new ReflectionV1AlphaServiceImpl(sp.GetRequiredService<ReflectionRegistrySource>()));
        return services;
    }
}
