using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>What an idempotency key was used for: a payment id (<c>PAY-</c>) or a refund id (<c>RF-</c>), and when.</summary>
[Immutable]
public sealed record PaymentKeyRecord(string OperationId, DateTimeOffset At);
