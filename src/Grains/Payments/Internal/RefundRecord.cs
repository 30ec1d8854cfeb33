namespace VetActors.Grains.Payments.Internal;

/// <summary>A refund as kept in the account's state; <see cref="View"/> is what callers get.</summary>
internal sealed class RefundRecord
{
    public string RefundId { get; set; } = "";

    public string PaymentId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public Money Amount { get; set; } = Money.Zero("USD");

    public RefundReason Reason { get; set; }

    public string? Note { get; set; }

    public RefundStatus Status { get; set; }

    public string RequestedBy { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? ProcessorReference { get; set; }

    public RefundView View() =>
        new(RefundId, PaymentId, IdempotencyKey, Amount, Reason, Note, Status, RequestedBy, RequestedAt, DecidedBy, DecidedAt, ProcessorReference);
}
