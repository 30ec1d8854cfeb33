using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>
/// A file a client or staff member uploads for a conversation. <see cref="ContentType"/> is what the sender claims:
/// when given it must match what the bytes prove.
/// </summary>
[Immutable]
public sealed record ConversationAttachmentUpload(Participant Uploader, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content);
