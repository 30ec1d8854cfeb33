namespace VetActors.Grains.Events;

/// <summary>
/// One live subscription of <see cref="IClinicEventHub"/>: the events published after it was taken, in the order
/// each grain published them. Dispose it to unsubscribe.
/// </summary>
public interface IClinicEventSubscription : IDisposable
{
    /// <summary>
    /// The events as they come, until <paramref name="cancellationToken"/> is cancelled
    /// (<see cref="OperationCanceledException"/>) or the hub drops this subscriber for falling
    /// <see cref="ClinicEventOptions.SubscriberCapacity"/> events behind (<see cref="Common.RateLimitedException"/>
    /// with <see cref="ClinicEventRules.SubscriberTooSlow"/>; the events still waiting are discarded).
    /// </summary>
    IAsyncEnumerable<ClinicEvent> ReadAllAsync(CancellationToken cancellationToken);
}
