namespace VetActors.GrpcApi.Security;

/// <summary>
/// The internal service credential (section <c>ApiSecurity</c>; environment
/// <c>VETACTORS__ApiSecurity__InternalServiceKeySha256</c>). Only its SHA-256 is configured, never the key itself:
/// <c>printf %s "$KEY" | sha256sum</c>. Empty: the admin API refuses every call.
/// </summary>
public sealed class ApiSecurityOptions
{
    public const string SectionName = "ApiSecurity";

    /// <summary>Lower-case hex SHA-256 of the internal service's bearer key (at least 32 random characters).</summary>
    public string? InternalServiceKeySha256 { get; set; }
}
