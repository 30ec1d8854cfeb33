namespace VetActors.Grains.Conversations;

/// <summary>Where a conversation stands: open for messages, or closed by staff and kept as history.</summary>
public enum ConversationStatus
{
    Active = 1,
    Closed = 2,
}
