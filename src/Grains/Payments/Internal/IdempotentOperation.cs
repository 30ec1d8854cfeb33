namespace VetActors.Grains.Payments.Internal;

/// <summary>The operation an idempotency key recorded: a collection (payment id) or a refund (refund id).</summary>
internal sealed record IdempotentOperation(OperationKind Kind, string Id);
