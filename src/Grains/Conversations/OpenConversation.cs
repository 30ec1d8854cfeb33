using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>What the client's conversation index hands a new conversation grain when it opens it.</summary>
[Immutable]
public sealed record OpenConversation(string ClientId, ConversationRequest Request);
