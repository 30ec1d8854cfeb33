namespace VetActors.Silo.Hosting;

/// <summary>
/// A plain HTTP/2 liveness endpoint (<c>GET /healthz</c>) covering the database; gRPC health
/// (<c>grpc.health.v1</c>) is served by the gRPC layer.
/// </summary>
internal static class SiloHealthExtensions
{
    public const string Path = "/healthz";

    public static WebApplicationBuilder AddSiloHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
        return builder;
    }

    public static WebApplication MapSiloHealth(this WebApplication app)
    {
        app.MapHealthChecks(Path);
        return app;
    }
}
