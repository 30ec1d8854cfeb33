using System.Security.Cryptography.X509Certificates;
using Grpc.Core;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Builds the <see cref="AuthContext"/> of a call from the TLS client certificate, with the property names
/// C-core and grpc-dotnet use (<c>transport_security_type</c>, <c>x509_common_name</c>,
/// <c>x509_subject_alternative_name</c>); the peer identity is the SANs when present, else the common name.
/// </summary>
internal static class AuthContextFactory
{
    private const string TransportSecurityType = "transport_security_type";
    private const string CommonName = "x509_common_name";
    private const string SubjectAlternativeName = "x509_subject_alternative_name";

    public static AuthContext Create(X509Certificate2? certificate)
    {
        var properties = new Dictionary<string, List<AuthProperty>>(StringComparer.Ordinal);
        if (certificate is null)
        {
            return new AuthContext(null, properties);
        }
        Add(properties, TransportSecurityType, "ssl");
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrEmpty(commonName))
        {
            Add(properties, CommonName, commonName);
        }
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var name in san.EnumerateDnsNames())
                {
                    Add(properties, SubjectAlternativeName, name);
                }
            }
        }
        var identity = properties.ContainsKey(SubjectAlternativeName) ? SubjectAlternativeName
            : properties.ContainsKey(CommonName) ? CommonName
            : null;
        return new AuthContext(identity, properties);
    }

    private static void Add(Dictionary<string, List<AuthProperty>> properties, string name, string value)
    {
        if (!properties.TryGetValue(name, out var list))
        {
            properties[name] = list = [];
        }
        list.Add(AuthProperty.Create(name, System.Text.Encoding.UTF8.GetBytes(value)));
    }
}
