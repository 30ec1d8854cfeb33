using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VetActors.Actors;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;

namespace VetActors.GrpcApi.Security.Internal;

/// <summary>
/// Turns the <c>authorization</c> header into a <see cref="Principal"/>: a session token is checked by its session
/// grain (expiry, revocation, its practice session) and a staff user's role and permissions are read afresh, so a
/// logout, deactivation or permission change applies to the very next call, on every service.
/// </summary>
internal sealed class Authenticator(IGrainFactory grains, IOptionsMonitor<ApiSecurityOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The caller: <see cref="Principal.Anonymous"/> without a header, <c>null</c> when the credential is not valid.</summary>
    public async Task<Principal?> AuthenticateAsync(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return Principal.Anonymous;
        }

        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[BearerPrefix.Length..].Trim();
        return BearerToken.KindOf(token) switch
        {
            BearerToken.SessionKind => await FromSessionAsync(token),
            BearerToken.AgentKeyKind => await FromAgentKeyAsync(token),
            _ => IsInternalServiceKey(token) ? Principal.InternalService : null,
        };
    }

    private async Task<Principal?> FromSessionAsync(string token)
    {
        if (!BearerToken.TryParse(token, BearerToken.SessionKind, out var clinicId, out var sessionId, out var secret))
        {
            return null;
        }

        var session = await grains.GetGrain<ISessionGrain>(GrainKeys.Child(clinicId, "session", sessionId)).ValidateAsync(secret);
        switch (session?.Kind)
        {
            case SessionKind.Practice:
                return Principal.PracticeSession(clinicId, sessionId);
            case SessionKind.PortalClient:
                return Principal.PortalClient(clinicId, session.SubjectId, sessionId);
            case SessionKind.StaffUser when session.PracticeSessionId is { } practice:
                var staff = await grains.GetGrain<IStaffRosterGrain>(IdentityKeys.Roster(clinicId)).GetPrincipalAsync(session.SubjectId);
                return staff is null ? null : Principal.StaffUser(clinicId, staff, sessionId, practice);
            default:
                return null;
        }
    }

    private async Task<Principal?> FromAgentKeyAsync(string token)
    {
        if (!BearerToken.TryParse(token, BearerToken.AgentKeyKind, out var clinicId, out var keyId, out var secret))
        {
            return null;
        }

        var agentId = await grains.GetGrain<IClinicGrain>(GrainKeys.Clinic(clinicId)).ValidateAgentKeyAsync(keyId, secret);
        return agentId is null ? null : Principal.PimsAgent(clinicId, agentId);
    }

    private bool IsInternalServiceKey(string token)
    {
        var expected = options.CurrentValue.InternalServiceKeySha256;
        if (string.IsNullOrWhiteSpace(expected) || token.Length < 32)
        {
            return false;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actual), Encoding.ASCII.GetBytes(expected.Trim().ToLowerInvariant()));
    }
}
