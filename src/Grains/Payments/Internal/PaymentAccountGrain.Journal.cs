using System.Globalization;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

internal sealed partial class PaymentAccountGrain
{
    private readonly Dictionary<string, PaymentKeyRecord> stagedKeys = new(StringComparer.Ordinal);

    private void StagePayment(PaymentRecord payment) => stagedPayments[payment.Receipt.PaymentId] = payment;

    private void StageRefund(RefundRecord refund) => stagedRefunds[refund.RefundId] = refund.View();

    private void StageKey(string key, string operationId, DateTimeOffset at) => stagedKeys[key] = new PaymentKeyRecord(operationId, at);

    private Task WriteStagedAsync()
    {
        var journal = Journal;
        return Task.WhenAll(
            journal.AppendAsync(stagedEntries),
            Task.WhenAll(stagedPayments.Values.Select(p => journal.Payment(p.Receipt.PaymentId).PutAsync(p))),
            Task.WhenAll(stagedRefunds.Values.Select(r => journal.Refund(r.RefundId).PutAsync(r))),
            Task.WhenAll(stagedKeys.Select(k => journal.Key(k.Key).PutAsync(k.Value))));
    }

    private void ClearStaged()
    {
        stagedEntries.Clear();
        stagedPayments.Clear();
        stagedRefunds.Clear();
        stagedKeys.Clear();
    }

    /// <summary>
    /// The payment or refund id <paramref name="key"/> recorded in the last <see cref="PaymentRules.IdempotencyKeyRetention"/>;
    /// a key record left by an unacknowledged write names an operation that does not exist under that key, and is ignored.
    /// </summary>
    private async Task<string?> FindOperationAsync(string key)
    {
        if (await Journal.Key(key).GetAsync() is not { } record || time.GetUtcNow() - record.At > PaymentRules.IdempotencyKeyRetention)
        {
            return null;
        }

        if (IsCounted(record.OperationId, "PAY", State.PaymentCount))
        {
            return (await Journal.Payment(record.OperationId).GetAsync())?.Receipt.IdempotencyKey == key ? record.OperationId : null;
        }

        return IsCounted(record.OperationId, "RF", State.RefundCount) && (await FindRefundViewAsync(record.OperationId)).IdempotencyKey == key
            ? record.OperationId
            : null;
    }

    private async Task<PaymentRecord> FindPaymentAsync(string paymentId) =>
        (IsCounted(paymentId, "PAY", State.PaymentCount) ? await Journal.Payment(paymentId).GetAsync() : null)
        ?? throw new NotFoundException(PaymentRules.PaymentNotFound, $"Payment {paymentId} does not exist in this clinic.");

    /// <summary>A refund as it stands: the state's while it waits for approval, else its record.</summary>
    private async Task<RefundView> FindRefundViewAsync(string refundId) =>
        State.PendingRefunds.TryGetValue(refundId, out var pending) ? pending.View()
        : (IsCounted(refundId, "RF", State.RefundCount) ? await Journal.Refund(refundId).GetAsync() : null)
        ?? throw new NotFoundException(PaymentRules.RefundNotFound, $"Refund {refundId} does not exist in this clinic.");

    /// <summary>The payment's refunds that exist: ids a write never acknowledged are skipped.</summary>
    private async Task<List<RefundView>> RefundsOfAsync(PaymentRecord payment)
    {
        var refunds = new List<RefundView>();
        foreach (var id in payment.RefundIds.Where(id => IsCounted(id, "RF", State.RefundCount)))
        {
            var refund = await FindRefundViewAsync(id);
            if (refund.PaymentId == payment.Receipt.PaymentId)
            {
                refunds.Add(refund);
            }
        }

        return refunds;
    }

    /// <summary>Whether <paramref name="id"/> is one of the first <paramref name="count"/> ids of its kind (records after it were never acknowledged).</summary>
    private static bool IsCounted(string? id, string prefix, int count) =>
        id is not null && id.StartsWith(prefix + "-", StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= 1 && number <= count && id == NextId(prefix, number - 1);
}
