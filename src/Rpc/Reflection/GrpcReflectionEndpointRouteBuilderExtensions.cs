using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Rpc;
using VetActors.Rpc.Reflection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC server reflection, as Grpc.AspNetCore.Server.Reflection does.</summary>
public static class GrpcReflectionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>grpc.reflection.v1.ServerReflection</c> and the older <c>grpc.reflection.v1alpha.ServerReflection</c>
    /// (grpcurl and others fall back to it), registered by <c>services.AddGrpcReflection()</c>.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ServiceProvider.GetService<ReflectionServiceImpl>() is null)
        {
            throw new InvalidOperationException("gRPC reflection is not registered: call services.AddGrpcReflection() first.");
        }
        var v1 = builder.MapGrpcService<ReflectionServiceImpl>();
        var v1Alpha = builder.MapGrpcService<ReflectionV1AlphaServiceImpl>();
        return new GrpcServiceEndpointConventionBuilder([v1, v1Alpha]);
    }
}
