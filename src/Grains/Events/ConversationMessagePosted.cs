using VetActors.Actors.Concurrency;
using VetActors.Grains.Conversations;

namespace VetActors.Grains.Events;

/// <summary>A message was added to one of the client's conversations, by the client or by staff, and is durable.</summary>
[Immutable]
public sealed record ConversationMessagePosted(string ClinicId, string ConversationClientId, string ConversationId, ChatMessage Message)
    : ClinicEvent(ClinicId, Message.SentAt)
{
    public override string? ClientId => ConversationClientId;
}
