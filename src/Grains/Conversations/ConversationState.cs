namespace VetActors.Grains.Conversations;

/// <summary>The stored state of one conversation.</summary>
internal sealed class ConversationState
{
    /// <summary>The owning client; <c>null</c> until opened.</summary>
    public string? ClientId { get; set; }

    public string Subject { get; set; } = "";

    public ConversationStatus Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public List<ChatMessage> Messages { get; set; } = [];

    public int UnreadForStaff { get; set; }

    public int UnreadForClient { get; set; }
}
