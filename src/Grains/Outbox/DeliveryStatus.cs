namespace VetActors.Grains.Outbox;

/// <summary>Where a message of the outbox stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for (another) delivery attempt.</summary>
    Pending = 1,

    /// <summary>Handed to the SMTP server or written to the pickup folder.</summary>
    Sent = 2,

    /// <summary>Every attempt failed; kept with its last error for an operator.</summary>
    Failed = 3,
}
