namespace VetActors.Silo.Hosting;

/// <summary>
/// Health in both forms a deployment asks for: <c>grpc.health.v1.Health</c> (what gRPC load balancers and
/// tools probe) and a plain HTTP/2 <c>GET /healthz</c>, both covering the database; plus server reflection,
/// so ordinary gRPC tools can list and call the services.
/// </summary>
internal static class SiloHealthExtensions
{
    public const string Path = "/healthz";

    public static WebApplicationBuilder AddSiloHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapSiloHealth(this WebApplication app)
    {
        app.MapHealthChecks(Path);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
