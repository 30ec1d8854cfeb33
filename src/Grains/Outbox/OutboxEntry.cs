using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Outbox;

/// <summary>A message in the outbox with its delivery status.</summary>
[Immutable]
public sealed record OutboxEntry(
    long Id, OutgoingMessage Message, DeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);
