namespace Grpc.Core;

/// <summary>What the transport knows about the peer's identity (from TLS client certificates).</summary>
public class AuthContext
{
    private readonly Dictionary<string, List<AuthProperty>> _properties;

    public AuthContext(string? peerIdentityPropertyName, Dictionary<string, List<AuthProperty>> properties)
    {
        PeerIdentityPropertyName = peerIdentityPropertyName;
        _properties = properties ?? throw new ArgumentNullException(nameof(properties));
    }

    /// <summary><c>true</c> when the peer presented an identity the transport verified.</summary>
    public bool IsPeerAuthenticated => PeerIdentityPropertyName is not null;

    public string? PeerIdentityPropertyName { get; }

    /// <summary>The properties that make up the peer's identity.</summary>
    public IEnumerable<AuthProperty> PeerIdentity =>
        PeerIdentityPropertyName is null ? [] : FindPropertiesByName(PeerIdentityPropertyName);

    public IEnumerable<AuthProperty> Properties => _properties.Values.SelectMany(p => p);

    public IEnumerable<AuthProperty> FindPropertiesByName(string propertyName) =>
        _properties.TryGetValue(propertyName, out var found) ? found : [];
}
