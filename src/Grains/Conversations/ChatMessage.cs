using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>One message of a conversation; <see cref="AttachmentIds"/> reference files stored elsewhere.</summary>
[Immutable]
public sealed record ChatMessage(
    string Id,
    Participant Author,
    string Text,
    IReadOnlyList<string> AttachmentIds,
    DateTimeOffset SentAt);
