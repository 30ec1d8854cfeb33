using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A payment as kept for good: its receipt and how much of it was refunded.</summary>
[Immutable]
public sealed record PaymentRecord(PaymentReceipt Receipt, long RefundedMinorUnits);
