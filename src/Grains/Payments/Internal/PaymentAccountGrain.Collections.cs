using VetActors.Grains.Appointments;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

internal sealed partial class PaymentAccountGrain
{
    public async Task<PaymentReceipt> CollectAsync(CollectPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ValidateKey(payment.IdempotencyKey);
        if (await FindOperationAsync(payment.IdempotencyKey) is { } done)
        {
            var receipt = await ReplayAsync(done, payment);
            await FlushAuditAsync();
            return receipt;
        }

        ValidateCollection(payment);
        string? clientId = null;
        if (payment.AppointmentReference is { } reference)
        {
            var appointment = await Appointment(reference).GetAsync();
            if (appointment.Status is AppointmentStatus.Cancelled)
            {
                throw new RuleViolation(PaymentRules.AppointmentCancelled, $"Appointment {reference} is cancelled; nothing is collected for it.");
            }

            clientId = appointment.ClientId;
        }

        // The processor first: it sees the same key on a retry after a crash below, and answers as the first time.
        var capture = await processor.CaptureAsync(new CardCapture(ClinicId, payment.IdempotencyKey, payment.Amount, payment.CardToken), CancellationToken.None);
        if (!capture.Approved)
        {
            throw new RuleViolation(PaymentRules.CardDeclined, $"The card was declined: {capture.DeclineReason ?? "no reason given"}. Nothing was collected.");
        }

        if (capture.Fee.Currency != Currency || capture.Fee.MinorUnits < 0 || capture.Fee.MinorUnits > payment.Amount.MinorUnits)
        {
            throw new InvalidOperationException($"The card processor answered a fee of {capture.Fee} on {payment.Amount}.");
        }

        var paid = new PaymentReceipt(
            NextId("PAY", State.PaymentCount),
            payment.IdempotencyKey,
            payment.Amount,
            capture.Fee,
            payment.AppointmentReference,
            payment.InvoiceId,
            payment.Description,
            clientId,
            payment.CardLast4,
            capture.ProcessorReference,
            payment.CollectedBy,
            time.GetUtcNow());
        State.PaymentCount++;
        StagePayment(new PaymentRecord(paid, []));
        StageKey(payment.IdempotencyKey, paid.PaymentId, paid.CollectedAt);
        var collected = Post(LedgerEntryKind.Collection, LedgerAccount.ClinicFunds, LedgerAccount.Collections, paid.Amount, paid.CollectedBy, paid.PaymentId);
        var fee = paid.Fee.MinorUnits > 0
            ? Post(LedgerEntryKind.ProcessorFee, LedgerAccount.ProcessorFees, LedgerAccount.ClinicFunds, paid.Fee, paid.CollectedBy, paid.PaymentId)
            : null;
        var purpose = paid.AppointmentReference is { } appt ? "appointment " + appt : "invoice " + paid.InvoiceId;
        var ledger = fee is null ? $"{collected.Sequence}" : $"{collected.Sequence},{fee.Sequence}";
        await SaveAsync(new AuditRecord(
            paid.CollectedBy, "payments.collected", "payment/" + paid.PaymentId, After: $"{paid.Amount} for {purpose}; fee {paid.Fee}; ledger {ledger}"));
        return paid;
    }

    public async Task<PaymentView> GetPaymentAsync(string paymentId) => await ViewOfAsync(await FindPaymentAsync(paymentId));

    /// <summary>What is refunded and pending, from the payment's refunds; nothing remains refundable once the refund window closes.</summary>
    private async Task<PaymentView> ViewOfAsync(PaymentRecord payment)
    {
        long refunded = 0, pending = 0;
        foreach (var refund in await RefundsOfAsync(payment))
        {
            switch (refund.Status)
            {
                case RefundStatus.Completed:
                    refunded = checked(refunded + refund.Amount.MinorUnits);
                    break;
                case RefundStatus.PendingApproval:
                    pending = checked(pending + refund.Amount.MinorUnits);
                    break;
            }
        }

        var open = time.GetUtcNow() - payment.Receipt.CollectedAt <= PaymentRules.RefundWindow;
        return new PaymentView(payment.Receipt, Amount(refunded), Amount(pending), Amount(open ? payment.Receipt.Amount.MinorUnits - refunded - pending : 0));
    }

    private async Task<PaymentReceipt> ReplayAsync(string done, CollectPayment payment)
    {
        if (!done.StartsWith("PAY-", StringComparison.Ordinal))
        {
            throw KeyReused(payment.IdempotencyKey, $"refund {done}", "every field");
        }

        var first = (await FindPaymentAsync(done)).Receipt;
        var differences = new List<string>();
        if (first.Amount != payment.Amount)
        {
            differences.Add("amount");
        }

        if (first.AppointmentReference != payment.AppointmentReference)
        {
            differences.Add("appointment_reference");
        }

        if (first.InvoiceId != payment.InvoiceId)
        {
            differences.Add("invoice_id");
        }

        if (first.Description != payment.Description)
        {
            differences.Add("description");
        }

        if (first.CardLast4 != payment.CardLast4)
        {
            differences.Add("card_last4");
        }

        return differences.Count == 0 ? first : throw KeyReused(payment.IdempotencyKey, $"payment {first.PaymentId}", string.Join(", ", differences));
    }

    private static AlreadyExistsException KeyReused(string key, string usedFor, string differences) => new(
        PaymentRules.KeyReused,
        $"Idempotency key '{key}' was already used for {usedFor} with a different {differences}: resend the same request to retry it, or use a new key for a new one.");

    private static void ValidateKey(string? key)
    {
        if (!GrainKeys.IsValidId(key))
        {
            throw new ValidationException("idempotency_key", "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.' (a UUID fits).");
        }
    }

    private void ValidateCollection(CollectPayment payment)
    {
        var violations = new List<FieldViolation>();
        ValidateAmount(payment.Amount, "amount", violations);
        switch (payment.AppointmentReference, payment.InvoiceId)
        {
            case (null, null):
            case ({ }, { }):
                violations.Add(new FieldViolation("appointment_reference", "give either an appointment reference or an invoice id, not both or neither."));
                break;
            case ({ } reference, null) when !GrainKeys.IsValidId(reference):
                violations.Add(new FieldViolation("appointment_reference", "is not an appointment reference."));
                break;
            case (null, { } invoice) when !GrainKeys.IsValidId(invoice):
                violations.Add(new FieldViolation("invoice_id", "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'."));
                break;
        }

        if (payment.InvoiceId is not null && string.IsNullOrWhiteSpace(payment.Description))
        {
            violations.Add(new FieldViolation("description", "must say what the invoice is for."));
        }

        if (payment.Description is { Length: > PaymentRules.MaxTextLength })
        {
            violations.Add(new FieldViolation("description", $"must be at most {PaymentRules.MaxTextLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(payment.CardToken) || payment.CardToken.Length > PaymentRules.MaxCardTokenLength)
        {
            violations.Add(new FieldViolation("card_token", $"must be the card processor's token for the card (1-{PaymentRules.MaxCardTokenLength} characters)."));
        }
        else if (LooksLikeCardNumber(payment.CardToken))
        {
            // A card number must never reach storage or logs, not even by mistake in the token field.
            violations.Add(new FieldViolation("card_token", "looks like a card number; send the processor's token, never the number."));
        }

        if (payment.CardLast4 is { } last4 && !(last4.Length == 4 && last4.All(char.IsAsciiDigit)))
        {
            violations.Add(new FieldViolation("card_last4", "must be the last 4 digits of the card, or absent."));
        }

        if (string.IsNullOrWhiteSpace(payment.CollectedBy))
        {
            violations.Add(new FieldViolation("collected_by", "must name who collects."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }

    private void ValidateAmount(Money? amount, string field, List<FieldViolation> violations)
    {
        if (amount is null || amount.MinorUnits <= 0)
        {
            violations.Add(new FieldViolation(field, "must be a positive number of minor units."));
        }
        else if (amount.Currency != Currency)
        {
            violations.Add(new FieldViolation(field, $"must be in {Currency}, this clinic's payment currency (not {amount.Currency})."));
        }
    }

    private static bool LooksLikeCardNumber(string token)
    {
        var digits = token.Count(char.IsAsciiDigit);
        return digits is >= 12 and <= 19 && token.All(c => char.IsAsciiDigit(c) || c is ' ' or '-');
    }
}
