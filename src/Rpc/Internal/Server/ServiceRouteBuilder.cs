using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Maps a service's methods as POST endpoints at <c>/package.Service/Method</c>, plus catch-alls that answer
/// UNIMPLEMENTED (Trailers-Only) for unknown methods of the service and, once per application, for unknown
/// services, as grpc-dotnet's ServiceRouteBuilder does.
/// </summary>
internal static class ServiceRouteBuilder<TService>
    where TService : class
{
    public static GrpcServiceEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var marker = services.GetService<GrpcServerMarker>()
            ?? throw new InvalidOperationException("Unable to find the required services. Add them by calling 'services.AddGrpc()' when configuring the application.");
        var options = ServiceOptionsResolver.Resolve<TService>(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("VetActors.Rpc.Server");
        var settings = new ServerCallSettings(options, services.GetRequiredService<TimeProvider>(), logger);
        var interceptors = settings.Interceptors.Select(r => new InterceptorActivator(r, services)).ToArray();
        var binder = new ServiceMethodBinder<TService>(settings, new ServiceActivator<TService>(services), interceptors);
        ServiceMethodBinder<TService>.Bind(binder);

        var builders = new List<IEndpointConventionBuilder>();
        var serviceNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (method, handler) in binder.Methods)
        {
            var builder = endpoints.Map(RoutePatternFactory.Parse(method.FullName), handler);
            builder.Add(endpoint =>
            {
                endpoint.DisplayName = $"gRPC - {method.FullName}";
                endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Post], acceptCorsPreflight: true));
                endpoint.Metadata.Add(new GrpcMethodMetadata(typeof(TService), method));
            });
            builders.Add(builder);
            serviceNames.Add(method.ServiceName);
        }

        var methodNames = new HashSet<string>(binder.Methods.Select(m => m.Method.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var serviceName in serviceNames)
        {
            marker.AddService(serviceName);
            var unknownMethod = new UnimplementedCallHandler(logger, "Method is unimplemented.");
            MapUnimplemented(endpoints, $"/{serviceName}/{{unimplementedMethod}}", new RouteValueDictionary
            {
                ["unimplementedMethod"] = new GrpcContentTypeRouteConstraint(methodNames.Contains),
            }, unknownMethod, $"gRPC - Unimplemented method for {serviceName}");
        }
        if (!options.IgnoreUnknownServices && marker.TryClaimUnknownServiceEndpoint())
        {
            var unknownService = new UnimplementedCallHandler(logger, "Service is unimplemented.");
            MapUnimplemented(endpoints, "/{unimplementedService}/{unimplementedMethod}", new RouteValueDictionary
            {
                ["unimplementedService"] = new GrpcContentTypeRouteConstraint(marker.IsKnownService),
                ["unimplementedMethod"] = new GrpcContentTypeRouteConstraint(static _ => false),
            }, unknownService, "gRPC - Unimplemented service");
        }
        return new GrpcServiceEndpointConventionBuilder(builders);
    }

    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, string pattern, RouteValueDictionary policies, UnimplementedCallHandler handler, string displayName)
    {
        var routePattern = RoutePatternFactory.Parse(pattern, defaults: null, parameterPolicies: policies);
        endpoints.Map(routePattern, handler.HandleCallAsync).Add(endpoint =>
        {
            endpoint.DisplayName = displayName;
            endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Post], acceptCorsPreflight: true));
        });
    }
}
