using VetActors.Rpc;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Further configuration of the gRPC server.</summary>
public static class GrpcServerBuilderExtensions
{
    /// <summary>Configures options for one service; they start from the server-wide options.</summary>
    public static IGrpcServerBuilder AddServiceOptions<TService>(this IGrpcServerBuilder builder, Action<GrpcServiceOptions<TService>> configure)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
