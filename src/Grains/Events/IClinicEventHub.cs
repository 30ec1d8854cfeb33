namespace VetActors.Grains.Events;

/// <summary>
/// The silo's publish/subscribe of clinic events: grains publish what happened (new conversation messages, consent
/// changes, sync status), live streams subscribe to a clinic or to one client of it. It is in memory and serves the
/// subscribers of this silo only: one silo is the deployment model today; with several, each silo would forward its
/// grains' events to the others (the events are JSON-serializable records, their kind included, for that reason).
/// </summary>
public interface IClinicEventHub
{
    /// <summary>
    /// Hands <paramref name="clinicEvent"/> to the current subscribers of its clinic and of its client. Never blocks and
    /// never throws: a subscriber with no room left is dropped rather than slowing the publishing grain's turn.
    /// Publish only what is durable already.
    /// </summary>
    void Publish(ClinicEvent clinicEvent);

    /// <summary>Every event of the clinic (for its staff tools).</summary>
    /// <exception cref="Common.RateLimitedException">The clinic holds <see cref="ClinicEventOptions.MaxSubscribersPerClinic"/> subscriptions.</exception>
    IClinicEventSubscription SubscribeToClinic(string clinicId);

    /// <summary>The events of the clinic that concern client <paramref name="clientId"/> (for that client's portal).</summary>
    /// <exception cref="Common.RateLimitedException">The clinic holds <see cref="ClinicEventOptions.MaxSubscribersPerClinic"/> subscriptions.</exception>
    IClinicEventSubscription SubscribeToClient(string clinicId, string clientId);
}
