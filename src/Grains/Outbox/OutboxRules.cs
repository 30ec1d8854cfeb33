namespace VetActors.Grains.Outbox;

/// <summary>Stable reason codes of the outbox's refusals.</summary>
public static class OutboxRules
{
    /// <summary>The client opted out of the message's channel: nothing is queued.</summary>
    public const string RecipientOptedOut = "outbox.recipient_opted_out";

    /// <summary>The pet the message is about is deceased or deleted: nothing is queued, and the clinic's audit log says so.</summary>
    public const string PetNotNotifiable = "outbox.pet_not_notifiable";
}
