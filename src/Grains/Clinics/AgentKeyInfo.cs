using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Clinics;

/// <summary>
/// A PIMS agent API key as listed (never its secret). <see cref="AgentId"/> names the agent and survives rotation;
/// <see cref="KeyId"/> names this key.
/// </summary>
[Immutable]
public sealed record AgentKeyInfo(string AgentId, string KeyId, string Label, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);
