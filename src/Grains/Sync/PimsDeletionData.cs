using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Sync;

/// <summary>
/// A record deleted in the PIMS: its kind and id, and for the kinds that hang off a patient, the patient's id
/// (so the deletion reaches the grain that holds the record).
/// </summary>
[Immutable]
public sealed record PimsDeletionData(PimsRecordKind TargetKind, string TargetId, string? PatientId);
