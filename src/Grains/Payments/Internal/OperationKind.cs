namespace VetActors.Grains.Payments.Internal;

/// <summary>What an idempotency key was used for; values are stored, never renumber.</summary>
internal enum OperationKind
{
    Collection = 1,
    Refund = 2,
}
