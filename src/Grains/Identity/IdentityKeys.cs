using VetActors.Grains.Common;

namespace VetActors.Grains.Identity;

/// <summary>Keys of the identity grains, all inside their clinic.</summary>
public static class IdentityKeys
{
    /// <summary>The clinic's staff roster: <c>clinic-42/roster/staff</c>.</summary>
    public static string Roster(string clinicId) => GrainKeys.Child(clinicId, "roster", "staff");

    /// <summary>A session: <c>clinic-42/session/{id}</c>.</summary>
    public static string Session(string clinicId, string sessionId) => GrainKeys.Child(clinicId, "session", sessionId);

    /// <summary>A pet owner's one-time codes: <c>clinic-42/signin-code/{clientId}</c>.</summary>
    public static string SignInCode(string clinicId, string clientId) => GrainKeys.Child(clinicId, "signin-code", clientId);
}
