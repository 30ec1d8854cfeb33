using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A clinic's integration status as staff see it.</summary>
[Immutable]
public sealed record IntegrationStatus(
    IntegrationState State,
    ImportProgress Progress,
    long LastAppliedSequence,
    bool InitialImportCompleted,
    DateTimeOffset? FirstDataAt,
    DateTimeOffset? LastActivityAt,
    string? AgentId,
    string? PimsKind,
    TimeSpan StaleAfter);
