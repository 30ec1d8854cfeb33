using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>What happened to one record of a batch, with the reason when it was not simply applied.</summary>
[Immutable]
public sealed record RecordOutcome(PimsRecordKind Kind, string RecordId, string? Reason = null);
