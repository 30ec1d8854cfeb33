namespace VetActors.Grains.Payments.Internal;

/// <summary>Stable codes of the payment refusals, and the limits on what a request may carry.</summary>
internal static class PaymentRules
{
    internal const string KeyReused = "payments.idempotency_key_reused";
    internal const string CardDeclined = "payments.card_declined";
    internal const string AppointmentCancelled = "payments.appointment_cancelled";
    internal const string ExceedsRefundable = "payments.refund_exceeds_refundable";
    internal const string RefundNotPending = "payments.refund_not_pending";
    internal const string SecondApproverRequired = "payments.second_approver_required";
    internal const string ApplyRefundRequired = "payments.apply_refund_required";
    internal const string CurrencyLocked = "payments.currency_locked";
    internal const string NoPractitionerFee = "payments.no_practitioner_fee";
    internal const string NothingToPay = "payments.nothing_to_pay";
    internal const string PaymentNotFound = "payments.payment_not_found";
    internal const string RefundNotFound = "payments.refund_not_found";
    internal const string RefundWindowClosed = "payments.refund_window_closed";

    internal const int MaxTextLength = 500;
    internal const int MaxCardTokenLength = 200;
    internal const int MaxPage = 500;

    /// <summary>
    /// How long an idempotency key is remembered: a retry within it is answered as the first time, a key older than it
    /// counts as new (its record is replaced). Card processors retry within hours or days, so 30 days is ample.
    /// </summary>
    internal static readonly TimeSpan IdempotencyKeyRetention = TimeSpan.FromDays(30);

    /// <summary>How long after its collection a payment can be refunded (card networks accept refunds for about this long).</summary>
    internal static readonly TimeSpan RefundWindow = TimeSpan.FromDays(180);
}
