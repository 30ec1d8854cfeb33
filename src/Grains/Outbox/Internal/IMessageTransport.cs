namespace VetActors.Grains.Outbox.Internal;

/// <summary>Hands one message over to where it leaves the system; throws when it could not.</summary>
internal interface IMessageTransport
{
    Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken);
}
