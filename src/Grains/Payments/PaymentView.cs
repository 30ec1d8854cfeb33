using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A payment with what has been refunded, what waits for a second approval, and what may still be refunded
/// (<c>amount - refunded - pending</c>).
/// </summary>
[Immutable]
public sealed record PaymentView(PaymentReceipt Receipt, Money Refunded, Money PendingRefunds, Money Refundable);
