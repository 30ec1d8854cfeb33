using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VetActors.GrpcApi.Errors.Internal;
using VetActors.GrpcApi.Security.Internal;

namespace VetActors.GrpcApi.Internal;

/// <summary>What the API layer needs besides the gRPC server itself: the catalog, the authenticator and the two interceptors.</summary>
internal static class ApiCoreServices
{
    public static IServiceCollection AddApiCore(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddOptions();
        services.TryAddSingleton(ApiCatalog.Default);
        services.TryAddSingleton<Authenticator>();
        services.TryAddSingleton<AuthorizationInterceptor>();
        services.TryAddSingleton<ExceptionMappingInterceptor>();
        return services;
    }
}
