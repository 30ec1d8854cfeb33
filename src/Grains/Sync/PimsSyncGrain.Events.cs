using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Events;

namespace VetActors.Grains.Sync;

internal sealed partial class PimsSyncGrain
{
    // Resolved from the services the grain already has; a host without a hub has no live streams to tell.
    private readonly IClinicEventHub? _events = services.GetService<IClinicEventHub>();

    // The state the clinic's live streams last heard of (or the one found at activation).
    private IntegrationState _announcedState;

    /// <summary>
    /// Tells the clinic's live streams of a state change, or of <paramref name="batch"/> applied. Called after the
    /// write that made it durable.
    /// </summary>
    private void AnnounceStatus(SyncBatchSummary? batch)
    {
        var status = CurrentStatus();
        if (status.State == _announcedState && batch is null)
        {
            return;
        }

        var previous = _announcedState;
        _announcedState = status.State;
        _events?.Publish(new SyncStatusChanged(ClinicId, time.GetUtcNow(), previous, status, batch));
    }
}
