namespace VetActors.Grains.Conversations;

/// <summary>Stable reason codes of the conversation rules (the <c>Code</c> of the domain exceptions).</summary>
public static class ConversationRules
{
    /// <summary>The client already has an active conversation; the message names it.</summary>
    public const string OneActivePerClient = "conversation.one_active_per_client";

    /// <summary>The conversation is closed: no more messages, no second close.</summary>
    public const string Closed = "conversation.closed";

    /// <summary>No such conversation for this caller (another client's conversation is not found either).</summary>
    public const string NotFound = "conversation.not_found";

    /// <summary>The conversation grain was opened already.</summary>
    public const string AlreadyOpen = "conversation.already_open";

    /// <summary>No such attachment for this client (another client's attachment is not found either).</summary>
    public const string AttachmentNotFound = "conversation.attachment_not_found";
}
