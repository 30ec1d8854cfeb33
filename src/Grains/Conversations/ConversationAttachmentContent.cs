using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>A stored attachment with its bytes.</summary>
[Immutable]
public sealed record ConversationAttachmentContent(ConversationAttachment Info, ReadOnlyMemory<byte> Content);
