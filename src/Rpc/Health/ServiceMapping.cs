namespace VetActors.Rpc.Health;

/// <summary>A gRPC health service name and the ASP.NET Core health checks that decide its status.</summary>
public sealed class ServiceMapping
{
    public ServiceMapping(string name, Func<HealthCheckMapContext, bool> predicate)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Predicate = predicate ?? throw new ArgumentNullException(nameof(predicate));
    }

    /// <summary>The name clients pass in <c>HealthCheckRequest.service</c>; "" is the whole server.</summary>
    public string Name { get; }

    /// <summary>Selects the health checks that count for this service.</summary>
    public Func<HealthCheckMapContext, bool> Predicate { get; }
}
