using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>
/// The index of one client's conversations, keyed <c>clinic-42/client/{id}/conversations</c>
/// (<see cref="Common.GrainKeys.ClientConversations"/>). Starts go through this one grain, whose turns run one
/// at a time, so of two concurrent starts exactly one opens a conversation.
/// </summary>
[GrainType("client-conversations")]
public interface IClientConversationsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens a new conversation for the client's request. While another is active this throws a
    /// <see cref="Common.RuleViolation"/> (<see cref="ConversationRules.OneActivePerClient"/>) naming it.
    /// </summary>
    Task<ConversationView> StartAsync(ConversationRequest request);

    /// <summary>The client's active conversation, if any.</summary>
    [ReadOnly]
    Task<ConversationView?> GetActiveAsync();

    /// <summary>All the client's conversations, active and closed, with their messages, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ConversationView>> GetAllAsync();
}
