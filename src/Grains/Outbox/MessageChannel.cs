namespace VetActors.Grains.Outbox;

/// <summary>How a message leaves.</summary>
public enum MessageChannel
{
    Email = 1,
    Sms = 2,
}
