using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Outbox;

/// <summary>An email or text message to send on behalf of a clinic. <see cref="Subject"/> is ignored for SMS.</summary>
[Immutable]
public sealed record OutgoingMessage(string ClinicId, MessageChannel Channel, string To, string Subject, string Body)
{
    /// <summary>
    /// The client the message is for. When set, the outbox refuses the message while the client's consent forbids
    /// the channel (<see cref="OutboxRules.RecipientOptedOut"/>).
    /// </summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// The pet the message is about. When set, the outbox refuses the message while the pet is deceased or deleted
    /// (<see cref="OutboxRules.PetNotNotifiable"/>) and records what it withheld in the clinic's audit log.
    /// </summary>
    public string? PetId { get; init; }

    /// <summary>
    /// The automatic answer to the client's own consent keyword (the STOP confirmation, START, HELP): carriers require
    /// it even for an opted-out phone, so consent is not checked.
    /// </summary>
    public bool IsKeywordReply { get; init; }
}
