using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>A record the sync refused, kept with its reason and its raw form for staff to inspect.</summary>
[Immutable]
public sealed record RejectedRecord(long Sequence, PimsRecordKind Kind, string RecordId, string Reason, string? Raw, DateTimeOffset RejectedAt);
