using VetActors.Actors;
using VetActors.Grains.Common;

namespace VetActors.Grains.Identity.Internal;

/// <summary>Opens sessions: a fresh id and 256-bit secret, only the secret's hash kept by the session grain.</summary>
internal static class Sessions
{
    public static async Task<IssuedCredential> OpenAsync(
        IGrainFactory grains, string clinicId, SessionKind kind, string subjectId, string? practiceSessionId, DateTimeOffset expiresAt)
    {
        var id = Secrets.NewId();
        var secret = Secrets.NewSecret();
        await grains.GetGrain<ISessionGrain>(GrainKeys.Child(clinicId, "session", id))
            .OpenAsync(new SessionGrant(Secrets.Hash(secret), kind, subjectId, practiceSessionId, expiresAt));
        return new IssuedCredential(BearerToken.Format(BearerToken.SessionKind, clinicId, id, secret), id, expiresAt);
    }

    public static ISessionGrain Get(IGrainFactory grains, string clinicId, string sessionId) =>
        grains.GetGrain<ISessionGrain>(GrainKeys.Child(clinicId, "session", sessionId));
}
