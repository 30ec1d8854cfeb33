namespace VetActors.Grains.Payments.Internal;

/// <summary>What the refund rules need of a payment that may still be refunded (amounts in minor units).</summary>
internal sealed class RefundablePayment
{
    public long Amount { get; set; }

    public long Refunded { get; set; }

    public long Pending { get; set; }

    public DateTimeOffset CollectedAt { get; set; }

    public string ProcessorReference { get; set; } = "";

    public long Refundable => Amount - Refunded - Pending;
}
