using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>
/// One message of a conversation; <see cref="AttachmentIds"/> reference files stored in their own grains, and
/// <see cref="Attachments"/> describes them (absent on messages stored before attachments were checked).
/// </summary>
[Immutable]
public sealed record ChatMessage(
    string Id,
    Participant Author,
    string Text,
    IReadOnlyList<string> AttachmentIds,
    DateTimeOffset SentAt,
    IReadOnlyList<ConversationAttachment>? Attachments = null);
