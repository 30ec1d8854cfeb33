namespace VetActors.Grains.Events;

/// <summary>Limits of the live event subscriptions, bound from the <c>ClinicEvents</c> configuration section.</summary>
public sealed class ClinicEventOptions
{
    public const string SectionName = "ClinicEvents";

    /// <summary>
    /// Events a subscriber may have waiting; one more drops it. A stream writes far faster than a clinic produces
    /// events, so only a stalled reader fills this (the same bound on memory gRPC's health Watch applies per watcher).
    /// </summary>
    public int SubscriberCapacity { get; set; } = 256;

    /// <summary>Live subscriptions one clinic may hold at once (every open portal and staff stream counts one).</summary>
    public int MaxSubscribersPerClinic { get; set; } = 20_000;
}
