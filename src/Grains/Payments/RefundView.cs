using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>A refund as requested and, when decided, approved or rejected by a second user.</summary>
[Immutable]
public sealed record RefundView(
    string RefundId,
    string PaymentId,
    string IdempotencyKey,
    Money Amount,
    RefundReason Reason,
    string? Note,
    RefundStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? ProcessorReference);
