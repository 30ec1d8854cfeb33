namespace VetActors.Rpc.Health;

/// <summary>What a <see cref="ServiceMapping"/> predicate sees of one ASP.NET Core health check.</summary>
public sealed class HealthCheckMapContext
{
    public HealthCheckMapContext(string name, IEnumerable<string> tags)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Tags = tags ?? throw new ArgumentNullException(nameof(tags));
    }

    /// <summary>The health check's registration name.</summary>
    public string Name { get; }

    /// <summary>The health check's tags.</summary>
    public IEnumerable<string> Tags { get; }
}
