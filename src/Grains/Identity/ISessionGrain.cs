using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>
/// One server-side session (key <c>clinic-42/session/{id}</c>). It holds only the hash of its bearer secret; it
/// expires, and ends for good when revoked. A staff user session also ends when its practice session does.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session; a session id is used once.</summary>
    Task OpenAsync(SessionGrant grant);

    /// <summary>The session when <paramref name="secret"/> is its secret and it is still live; otherwise <c>null</c>.</summary>
    /// <remarks>Read-only: every call of a signed-in user checks here, and concurrent calls must not queue one behind another.</remarks>
    [ReadOnly]
    Task<SessionInfo?> ValidateAsync(string secret);

    /// <summary>Whether the session is live (neither expired nor ended).</summary>
    [ReadOnly]
    Task<bool> IsActiveAsync();

    /// <summary>Ends the session at once; idempotent.</summary>
    Task EndAsync();
}
