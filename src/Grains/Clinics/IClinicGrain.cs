using VetActors.Actors;
using VetActors.Grains.Identity;

namespace VetActors.Grains.Clinics;

/// <summary>
/// A clinic (key <c>clinic-42</c>): its profile, the practice login of its front desk, and its PIMS agents' API keys.
/// Every method but <see cref="CreateAsync"/> fails with NOT_FOUND until the clinic is created.
/// </summary>
public interface IClinicGrain : IGrainWithStringKey
{
    /// <summary>Creates the clinic; its id and practice id must be new.</summary>
    Task<ClinicProfile> CreateAsync(NewClinic clinic);

    Task<ClinicProfile> GetProfileAsync();

    /// <summary>
    /// The practice login: opens a practice session when <paramref name="practicePassword"/> is right. Repeated
    /// failures lock the login for a while; every refusal is the same <see cref="AuthenticationFailedException"/>.
    /// </summary>
    Task<IssuedCredential> OpenPracticeSessionAsync(string practicePassword);

    /// <summary>Issues an API key for a new PIMS agent; the token is shown once.</summary>
    Task<IssuedCredential> IssueAgentKeyAsync(string label);

    Task<IReadOnlyList<AgentKeyInfo>> ListAgentKeysAsync();

    /// <summary>Replaces an agent's key: the old key stops working at once, the agent keeps its id.</summary>
    Task<IssuedCredential> RotateAgentKeyAsync(string keyId);

    /// <summary>Revokes a key for good.</summary>
    Task RevokeAgentKeyAsync(string keyId);

    /// <summary>The agent id when <paramref name="secret"/> is the secret of live key <paramref name="keyId"/>; otherwise <c>null</c>.</summary>
    Task<string?> ValidateAgentKeyAsync(string keyId, string secret);
}
