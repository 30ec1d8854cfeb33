using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Health.Internal;

/// <summary>Publishes each periodic health report into the gRPC health registry, one status per mapped name.</summary>
internal sealed class GrpcHealthChecksPublisher(HealthServiceImpl health, IOptions<GrpcHealthChecksOptions> options) : IHealthCheckPublisher
{
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var mapping in options.Value.Services)
        {
            var status = ServingStatus.Serving;
            foreach (var (name, entry) in report.Entries)
            {
                if (entry.Status == HealthStatus.Unhealthy && mapping.Predicate(new HealthCheckMapContext(name, entry.Tags)))
                {
                    status = ServingStatus.NotServing;
                    break;
                }
            }
            health.SetStatus(mapping.Name, status);
        }
        return Task.CompletedTask;
    }
}
