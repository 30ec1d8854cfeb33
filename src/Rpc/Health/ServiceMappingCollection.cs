using System.Collections;

namespace VetActors.Rpc.Health;

/// <summary>The gRPC health service names answered from ASP.NET Core health checks, one mapping per name.</summary>
public sealed class ServiceMappingCollection : IEnumerable<ServiceMapping>
{
    private readonly List<ServiceMapping> _mappings = [];

    /// <summary>Maps <paramref name="name"/> to the checks <paramref name="predicate"/> selects, replacing any mapping of that name.</summary>
    public void Map(string name, Func<HealthCheckMapContext, bool> predicate)
    {
        Remove(name);
        _mappings.Add(new ServiceMapping(name, predicate));
    }

    /// <summary>Removes the mapping of <paramref name="name"/>; <c>false</c> if there was none.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _mappings.RemoveAll(m => string.Equals(m.Name, name, StringComparison.Ordinal)) > 0;
    }

    public void Clear() => _mappings.Clear();

    internal ServiceMapping? Find(string name) => _mappings.Find(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    public IEnumerator<ServiceMapping> GetEnumerator() => _mappings.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
