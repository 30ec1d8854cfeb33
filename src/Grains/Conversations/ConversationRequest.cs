using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>A client's new request: what it is about and its first message.</summary>
[Immutable]
public sealed record ConversationRequest(string Subject, string Text, IReadOnlyList<string> AttachmentIds);
