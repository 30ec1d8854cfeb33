using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Conversations;

/// <summary>Who writes or reads: the client (by client id) or a staff member (by user id).</summary>
[Immutable]
public sealed record Participant(AuthorKind Kind, string Id)
{
    public static Participant Client(string clientId) => new(AuthorKind.Client, clientId);

    public static Participant Staff(string userId) => new(AuthorKind.Staff, userId);
}
