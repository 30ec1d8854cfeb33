using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using VetActors.Rpc.Health;
using VetActors.Rpc.Health.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC health service over ASP.NET Core health checks, as Grpc.AspNetCore.HealthChecks does.</summary>
public static class GrpcHealthChecksServiceCollectionExtensions
{
    /// <summary>
    /// Adds ASP.NET Core health checks, a singleton <see cref="HealthServiceImpl"/> whose statuses follow them
    /// ("" = every check unless configured otherwise), the publisher that keeps Watch streams current, and
    /// NOT_SERVING for every service once the application starts stopping.
    /// Map the service with <c>app.MapGrpcHealthChecksService()</c>.
    /// </summary>
    public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services) =>
        services.AddGrpcHealthChecks(static _ => { });

    /// <summary>As <see cref="AddGrpcHealthChecks(IServiceCollection)"/>, with options (service name mappings, caching).</summary>
    public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services, Action<GrpcHealthChecksOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.Configure(configure);
        services.TryAddSingleton<HealthChecksStatusSource>();
        services.TryAddSingleton(static sp => new HealthServiceImpl(sp.GetRequiredService<HealthChecksStatusSource>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHealthCheckPublisher, GrpcHealthChecksPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HealthShutdownService>());
        return services.AddHealthChecks();
    }
}
