namespace VetActors.Rpc.Health;

/// <summary>How <c>AddGrpcHealthChecks()</c> turns ASP.NET Core health check results into gRPC serving statuses.</summary>
public sealed class GrpcHealthChecksOptions
{
    public GrpcHealthChecksOptions()
    {
        // As in Grpc.AspNetCore.HealthChecks: the whole server ("") is healthy when every check is.
        Services.Map(string.Empty, _ => true);
    }

    /// <summary>The service names answered from health checks; starts with "" mapped to every check.</summary>
    public ServiceMappingCollection Services { get; } = new();

    /// <summary>
    /// When <c>false</c> (the default), Check runs the mapped health checks on each call; when <c>true</c> it
    /// answers from the results last published by the health check publisher. Watch always follows the publisher.
    /// </summary>
    public bool UseHealthChecksCache { get; set; }
}
