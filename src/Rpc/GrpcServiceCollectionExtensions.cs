using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VetActors.Rpc;
using VetActors.Rpc.Internal.Server;

// In the namespace ASP.NET Core developers already import for AddXxx() calls, as grpc-dotnet does.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server.</summary>
public static class GrpcServiceCollectionExtensions
{
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcServerMarker>();
        services.TryAddSingleton(new ServiceLifetimes(services));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<GrpcServiceOptions>, GrpcServiceOptionsSetup>());
        return new GrpcServerBuilder(services);
    }

    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        var builder = services.AddGrpc();
        services.Configure(configureOptions);
        return builder;
    }
}
