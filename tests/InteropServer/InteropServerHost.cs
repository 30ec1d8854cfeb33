using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VetActors.Rpc;
using VetActors.Rpc.Health;
using VetActors.Rpc.Reflection;

namespace VetActors.InteropServer;

/// <summary>
/// Registers and hosts the interop services, so that the executable and in-process tests serve
/// exactly the same thing.
/// </summary>
public static class InteropServerHost
{
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Adds gRPC, the interop test service and what it needs (a <see cref="TimeProvider"/>).</summary>
    public static IServiceCollection AddInteropServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrpc();
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>Maps <c>grpc.testing.TestService</c>, health and reflection. <c>UnimplementedService</c> is
    /// deliberately not mapped: calling it must give UNIMPLEMENTED.</summary>
    public static IEndpointRouteBuilder MapInteropServices(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<InteropTestService>();
        endpoints.MapGrpcService<HealthServiceImpl>();
        endpoints.MapGrpcService<ReflectionServiceImpl>();
        endpoints.MapGrpcService<ReflectionV1AlphaServiceImpl>();
        return endpoints;
    }

    /// <summary>
    /// Starts the interop server on h2c at 127.0.0.1:<paramref name="port"/> (0 picks a free port), with
    /// gRPC-Web enabled on every endpoint, and returns it running; <see cref="BoundPort"/> tells which port it got.
    /// </summary>
    public static async Task<WebApplication> StartAsync(int port, LogLevel minimumLogLevel = LogLevel.Warning, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        if (minimumLogLevel > LogLevel.Information)
        {
            // Hosting's request diagnostics log only at Information and Debug, so at this level they would
            // print nothing, yet an enabled logger makes hosting start an Activity and a log scope for every
            // request. Turning the category off keeps per-request work to what the calls need.
            builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Cleartext HTTP/2 needs an Http2-only endpoint (an Http1AndHttp2 one falls back to HTTP/1.1).
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddInteropServices();

        var app = builder.Build();
        app.UseRouting();
        // Every interop endpoint answers gRPC-Web too, as grpc-dotnet's interop server does.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapInteropServices();
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The port a server started by <see cref="StartAsync"/> listens on.</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server has no addresses feature.");
        return new Uri(addresses.First()).Port;
    }
}
