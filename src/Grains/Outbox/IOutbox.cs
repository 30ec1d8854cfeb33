namespace VetActors.Grains.Outbox;

/// <summary>
/// The durable outbox for email and SMS: a message is accepted once it is stored, and delivered (and retried) in the
/// background, so a grain never waits on a mail server and a crash never loses a message it was told was queued.
/// </summary>
public interface IOutbox
{
    /// <summary>Stores the message for delivery; returns its id once it is durable.</summary>
    Task<long> EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>The message and its delivery status, or <c>null</c>.</summary>
    Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken = default);
}
