using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// A service's effective options: a copy of the server-wide options, then every
/// <c>AddServiceOptions&lt;TService&gt;</c> configuration applied on top (its interceptors after the global ones).
/// </summary>
internal static class ServiceOptionsResolver
{
    public static GrpcServiceOptions<TService> Resolve<TService>(IServiceProvider services)
        where TService : class
    {
        var global = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var options = new GrpcServiceOptions<TService>();
        options.SetDefaultMaxReceiveMessageSize(global.MaxReceiveMessageSize);
        options.MaxSendMessageSize = global.MaxSendMessageSize;
        options.EnableDetailedErrors = global.EnableDetailedErrors;
        options.CompressionProviders = [.. global.CompressionProviders];
        options.ResponseCompressionAlgorithm = global.ResponseCompressionAlgorithm;
        options.ResponseCompressionLevel = global.ResponseCompressionLevel;
        options.IgnoreUnknownServices = global.IgnoreUnknownServices;
        options.Interceptors.AddRange(global.Interceptors);
        foreach (var configure in services.GetServices<IConfigureOptions<GrpcServiceOptions<TService>>>())
        {
            configure.Configure(options);
        }
        return options;
    }
}
