namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Registered by <c>AddGrpc()</c>: proves it was called, and remembers whether the catch-all endpoint
/// for unknown services has been mapped (it must be mapped once per application), and which services are.
/// </summary>
internal sealed class GrpcServerMarker
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _services = new(StringComparer.OrdinalIgnoreCase);
    private int _unknownServiceMapped;

    public void AddService(string serviceName) => _services.TryAdd(serviceName, true);

    /// <summary>Whether a service of this name is mapped (case-insensitively, as routing compares literals).</summary>
    public bool IsKnownService(string serviceName) => _services.ContainsKey(serviceName);

    public bool TryClaimUnknownServiceEndpoint() => Interlocked.Exchange(ref _unknownServiceMapped, 1) == 0;
}
