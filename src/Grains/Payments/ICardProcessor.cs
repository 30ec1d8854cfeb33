namespace VetActors.Grains.Payments;

/// <summary>
/// The card processor, behind an adapter. Both calls carry the ledger's idempotency key: a call retried after a
/// crash (the processor answered, the ledger had not saved yet) must return the first answer and move no money
/// twice, which is how real processors treat an idempotency key.
/// </summary>
public interface ICardProcessor
{
    /// <summary>Captures <see cref="CardCapture.Amount"/> from the tokenized card; a decline is a result, not an exception.</summary>
    Task<CardCaptureResult> CaptureAsync(CardCapture capture, CancellationToken cancellationToken);

    /// <summary>Returns part or all of a capture to the card.</summary>
    Task<CardRefundResult> RefundAsync(CardRefund refund, CancellationToken cancellationToken);
}
