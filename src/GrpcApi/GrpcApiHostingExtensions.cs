using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VetActors.GrpcApi.Errors.Internal;
using VetActors.GrpcApi.Internal;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Security.Internal;

namespace VetActors.GrpcApi;

/// <summary>The API layer in a host: <c>builder.AddGrpcApi()</c>, then <c>app.MapVetActorsServices()</c>.</summary>
public static partial class GrpcApiHostingExtensions
{
    /// <summary>
    /// The gRPC server with the two global interceptors, in this order: exception mapping (outermost, so every
    /// refusal leaves through the one table), then authorization. Binds <see cref="ApiSecurityOptions"/>.
    /// </summary>
    public static WebApplicationBuilder AddGrpcApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ApiSecurityOptions>()
            .Bind(builder.Configuration.GetSection(ApiSecurityOptions.SectionName))
            .Validate(
                o => string.IsNullOrEmpty(o.InternalServiceKeySha256) || Sha256Hex().IsMatch(o.InternalServiceKeySha256),
                "ApiSecurity:InternalServiceKeySha256 must be 64 hex digits: the SHA-256 of the internal service key, never the key itself.")
            .ValidateOnStart();
        builder.Services.AddApiCore();
        builder.Services.AddOptions<PetIdCardOptions>().Bind(builder.Configuration.GetSection(PetIdCardOptions.SectionName));
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ExceptionMappingInterceptor>();
            options.Interceptors.Add<AuthorizationInterceptor>();
        }).AddServiceOptions<PortalService>(options => options.MaxReceiveMessageSize = PortalService.MaxReceiveMessageSize)
        .AddServiceOptions<StaffConversationsService>(options => options.MaxReceiveMessageSize = StaffConversationsService.MaxReceiveMessageSize);
        return builder;
    }

    /// <summary>
    /// Maps every gRPC service class of VetActors.GrpcApi (every concrete class derived from a generated
    /// <c>...Base</c>): a new service is served, authorized and covered by the authorization matrix test as soon as
    /// its class exists.
    /// </summary>
    public static IEndpointRouteBuilder MapVetActorsServices(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var map = typeof(GrpcEndpointRouteBuilderExtensions).GetMethod(nameof(GrpcEndpointRouteBuilderExtensions.MapGrpcService))!;
        foreach (var serviceType in ApiCatalog.Default.ServiceTypes)
        {
            map.MakeGenericMethod(serviceType).Invoke(null, [endpoints]);
        }

        return endpoints;
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();
}
