using VetActors.Grains.Identity;

namespace VetActors.GrpcApi.Security;

/// <summary>
/// Who is calling, as established by the authorization layer from the bearer credential. Services read it with
/// <see cref="ServerCallContextPrincipalExtensions.GetPrincipal"/> and build grain keys from <see cref="ClinicId"/>.
/// </summary>
public sealed record Principal
{
    private Principal(Callers kind)
    {
        Kind = kind;
    }

    public static Principal Anonymous { get; } = new(Callers.Anonymous);

    public static Principal InternalService { get; } = new(Callers.InternalService);

    /// <summary>Exactly one of the <see cref="Callers"/> flags.</summary>
    public Callers Kind { get; }

    /// <summary>The caller's clinic; <c>null</c> for the anonymous caller and the internal service.</summary>
    public string? ClinicId { get; private init; }

    /// <summary>The staff member's user id (staff users).</summary>
    public string? UserId { get; private init; }

    /// <summary>The staff member's username (staff users).</summary>
    public string? Username { get; private init; }

    public StaffRole? Role { get; private init; }

    /// <summary>What the staff member may do, read at the start of this call (staff users; none for others).</summary>
    public StaffPermissions Permissions { get; private init; }

    /// <summary>The pet owner's client id (portal clients).</summary>
    public string? ClientId { get; private init; }

    /// <summary>The agent's id (PIMS agents).</summary>
    public string? AgentId { get; private init; }

    /// <summary>The session the credential belongs to (practice sessions, staff users, portal clients).</summary>
    public string? SessionId { get; private init; }

    /// <summary>The practice session a staff user session lives in.</summary>
    public string? PracticeSessionId { get; private init; }

    public static Principal PracticeSession(string clinicId, string sessionId) =>
        new(Callers.PracticeSession) { ClinicId = clinicId, SessionId = sessionId, PracticeSessionId = sessionId };

    public static Principal StaffUser(string clinicId, StaffPrincipal staff, string sessionId, string practiceSessionId)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new(Callers.StaffUser)
        {
            ClinicId = clinicId,
            UserId = staff.UserId,
            Username = staff.Username,
            Role = staff.Role,
            Permissions = staff.Permissions,
            SessionId = sessionId,
            PracticeSessionId = practiceSessionId,
        };
    }

    public static Principal PortalClient(string clinicId, string clientId, string sessionId) =>
        new(Callers.PortalClient) { ClinicId = clinicId, ClientId = clientId, SessionId = sessionId };

    public static Principal PimsAgent(string clinicId, string agentId) =>
        new(Callers.PimsAgent) { ClinicId = clinicId, AgentId = agentId };
}
