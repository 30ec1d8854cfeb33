using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>
/// A conversation with all its messages, oldest first. <see cref="UnreadForStaff"/> counts the client's
/// messages since staff last read it, <see cref="UnreadForClient"/> the staff's since the client last did.
/// </summary>
[Immutable]
public sealed record ConversationView(
    string Id,
    string ClientId,
    string Subject,
    ConversationStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    IReadOnlyList<ChatMessage> Messages,
    int UnreadForStaff,
    int UnreadForClient);
