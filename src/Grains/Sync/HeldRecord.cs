using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// A record the sync holds until the client or patient it belongs to arrives (<see cref="WaitingFor"/> is
/// <c>client:ID</c> or <c>patient:ID</c>, PIMS ids), kept with its raw form for staff to inspect.
/// </summary>
[Immutable]
public sealed record HeldRecord(long Sequence, PimsRecordKind Kind, string RecordId, string WaitingFor, string Reason, string? Raw);
