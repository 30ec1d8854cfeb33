using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Health.Internal;

/// <summary>Runs the ASP.NET Core health checks a service name is mapped to.</summary>
internal sealed class HealthChecksStatusSource(HealthCheckService healthChecks, IOptions<GrpcHealthChecksOptions> options) : IHealthStatusSource
{
    public bool UseCache => options.Value.UseHealthChecksCache;

    public bool Maps(string service) => options.Value.Services.Find(service) is not null;

    public async Task<ServingStatus> CheckAsync(string service, CancellationToken cancellationToken)
    {
        var mapping = options.Value.Services.Find(service) ?? throw new InvalidOperationException($"No health check mapping for '{service}'.");
        var report = await healthChecks.CheckHealthAsync(
            registration => mapping.Predicate(new HealthCheckMapContext(registration.Name, registration.Tags)),
            cancellationToken);
        return ToServingStatus(report.Status);
    }

    /// <summary>Degraded still serves: only Unhealthy takes a service out of rotation (as Grpc.AspNetCore.HealthChecks does).</summary>
    internal static ServingStatus ToServingStatus(HealthStatus status) =>
        status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
}
