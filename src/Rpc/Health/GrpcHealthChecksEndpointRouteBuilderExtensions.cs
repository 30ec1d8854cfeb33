using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Rpc;
using VetActors.Rpc.Health;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the gRPC health service, as Grpc.AspNetCore.HealthChecks does.</summary>
public static class GrpcHealthChecksEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>grpc.health.v1.Health</c>, answered by the <see cref="HealthServiceImpl"/> that
    /// <c>services.AddGrpcHealthChecks()</c> registered.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ServiceProvider.GetService<HealthServiceImpl>() is null)
        {
            throw new InvalidOperationException("The gRPC health service is not registered: call services.AddGrpcHealthChecks() first.");
        }
        return builder.MapGrpcService<HealthServiceImpl>();
    }
}
