using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>A message to add to a conversation: text, attachment references, or both.</summary>
[Immutable]
public sealed record NewMessage(Participant Author, string Text, IReadOnlyList<string> AttachmentIds);
