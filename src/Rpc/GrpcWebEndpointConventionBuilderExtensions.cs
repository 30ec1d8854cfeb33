using VetActors.Rpc.Internal.Server.Web;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Per-endpoint gRPC-Web switches (effective with <c>app.UseGrpcWeb()</c>).</summary>
public static class GrpcWebEndpointConventionBuilderExtensions
{
    public static TBuilder EnableGrpcWeb<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(GrpcWebEnabledMetadata.Enabled));
        return builder;
    }

    public static TBuilder DisableGrpcWeb<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(GrpcWebEnabledMetadata.Disabled));
        return builder;
    }
}
