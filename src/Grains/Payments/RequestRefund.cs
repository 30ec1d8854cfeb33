using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A refund of <paramref name="Amount"/> (all or part of what remains refundable) of payment
/// <paramref name="PaymentId"/>, requested by staff member <paramref name="RequestedByUserId"/>. Retrying with the
/// same <paramref name="IdempotencyKey"/> refunds once.
/// </summary>
[Immutable]
public sealed record RequestRefund(
    string IdempotencyKey,
    string PaymentId,
    Money Amount,
    RefundReason Reason,
    string? Note,
    string RequestedByUserId);
