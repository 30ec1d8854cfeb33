namespace VetActors.Grains.Events;

/// <summary>Stable reason codes of live event subscriptions.</summary>
public static class ClinicEventRules
{
    /// <summary>The subscriber fell too far behind and was dropped; it subscribes again and reloads what it shows.</summary>
    public const string SubscriberTooSlow = "events.subscriber_too_slow";

    /// <summary>The clinic has as many live subscriptions as it may hold.</summary>
    public const string TooManySubscribers = "events.too_many_subscribers";
}
