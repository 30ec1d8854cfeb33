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

    internal const int MaxTextLength = 500;
    internal const int MaxCardTokenLength = 200;
    internal const int MaxPage = 500;
}
