using VetActors.Actors.Concurrency;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Events;

/// <summary>
/// The clinic's PIMS integration moved from <see cref="Previous"/> to <see cref="Status"/>'s state, or applied a
/// batch (<see cref="Batch"/>, with the state possibly unchanged).
/// </summary>
[Immutable]
public sealed record SyncStatusChanged(string ClinicId, DateTimeOffset At, IntegrationState Previous, IntegrationStatus Status, SyncBatchSummary? Batch)
    : ClinicEvent(ClinicId, At);
