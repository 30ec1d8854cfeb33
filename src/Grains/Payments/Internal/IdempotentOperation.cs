namespace VetActors.Grains.Payments.Internal;

/// <summary>The operation an idempotency key recorded: a collection (payment id) or a refund (refund id), and when.</summary>
internal sealed record IdempotentOperation(OperationKind Kind, string Id, DateTimeOffset At);
