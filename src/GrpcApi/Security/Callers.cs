namespace VetActors.GrpcApi.Security;

/// <summary>The kinds of caller an RPC may allow (combine with |).</summary>
[Flags]
public enum Callers
{
    None = 0,

    /// <summary>No credentials at all (sign-in calls). A credential that is sent must still be valid.</summary>
    Anonymous = 1,

    /// <summary>A pet owner signed in with a one-time code: (clinic, client).</summary>
    PortalClient = 2,

    /// <summary>A clinic's shared front-desk login: (clinic).</summary>
    PracticeSession = 4,

    /// <summary>A staff member signed in inside a practice session: (clinic, user, role, permissions).</summary>
    StaffUser = 8,

    /// <summary>A clinic's on-site PIMS agent with its API key: (clinic, agent).</summary>
    PimsAgent = 16,

    /// <summary>VetActors' own back office, with the credential from configuration; not bound to a clinic.</summary>
    InternalService = 32,
}
