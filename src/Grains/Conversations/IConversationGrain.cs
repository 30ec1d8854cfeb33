using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>
/// One conversation between a client and the clinic, keyed <c>clinic-42/conversation/{id}</c>
/// (<see cref="Common.GrainKeys.Conversation"/>). Opened only through the client's
/// <see cref="IClientConversationsGrain"/>, which keeps the one-active-conversation rule. A client sees and
/// writes only its own conversations: anyone else's is <see cref="Common.NotFoundException"/>.
/// </summary>
[GrainType("conversation")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Opens the conversation with the client's first message; a second open is refused.</summary>
    Task<ConversationView> OpenAsync(OpenConversation open);

    /// <summary>Adds a client's or a staff member's message; a closed conversation refuses it (RuleViolation).</summary>
    Task<ChatMessage> SendAsync(NewMessage message);

    /// <summary>Staff close the conversation; it stays readable as history.</summary>
    Task<ConversationView> CloseAsync(string staffUserId);

    /// <summary>Marks every message so far as read by the <paramref name="reader"/>'s side.</summary>
    Task<ConversationView> MarkReadAsync(Participant reader);

    /// <summary>The conversation with its messages, as <paramref name="viewer"/> may see it.</summary>
    [ReadOnly]
    Task<ConversationView> GetAsync(Participant viewer);
}
