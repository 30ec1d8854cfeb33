namespace VetActors.Grains.Conversations;

/// <summary>The stored index of one client's conversations.</summary>
internal sealed class ClientConversationsState
{
    /// <summary>The conversation this index last opened, until it is found closed.</summary>
    public string? ActiveConversationId { get; set; }

    /// <summary>Every conversation opened for the client, oldest first.</summary>
    public List<string> ConversationIds { get; set; } = [];
}
