using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Health.Internal;

/// <summary>Computes a status on demand for the service names it covers (the ASP.NET Core health checks).</summary>
internal interface IHealthStatusSource
{
    /// <summary>When set, Check answers from the last published statuses instead of running the checks.</summary>
    bool UseCache { get; }

    bool Maps(string service);

    Task<ServingStatus> CheckAsync(string service, CancellationToken cancellationToken);
}
