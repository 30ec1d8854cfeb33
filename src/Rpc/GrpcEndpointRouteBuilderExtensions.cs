using Microsoft.AspNetCore.Routing;
using VetActors.Rpc;
using VetActors.Rpc.Internal.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services onto endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> (a class derived from a generated
    /// <c>...Base</c>) to a POST endpoint at <c>/package.Service/Method</c>. An instance is created per call.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return ServiceRouteBuilder<TService>.Map(builder);
    }
}
