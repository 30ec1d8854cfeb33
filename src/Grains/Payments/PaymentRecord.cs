using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A payment as kept for good: its receipt and the refunds requested of it, oldest first.</summary>
[Immutable]
public sealed record PaymentRecord(PaymentReceipt Receipt, ImmutableArray<string> RefundIds);
