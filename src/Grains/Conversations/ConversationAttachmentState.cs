namespace VetActors.Grains.Conversations;

/// <summary>One stored attachment: a state row of its own, so a conversation's writes never rewrite files.</summary>
internal sealed class ConversationAttachmentState
{
    public ConversationAttachment? Info { get; set; }

    public Participant? UploadedBy { get; set; }

    public byte[]? Content { get; set; }
}
