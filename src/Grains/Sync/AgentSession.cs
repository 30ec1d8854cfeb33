using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>One connection of an agent, for the history staff see.</summary>
[Immutable]
public sealed record AgentSession(
    string SessionId,
    string AgentId,
    string PimsKind,
    string PimsVersion,
    DateTimeOffset ConnectedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? EndedAt,
    long BatchesReceived,
    long ResumedAfterSequence);
