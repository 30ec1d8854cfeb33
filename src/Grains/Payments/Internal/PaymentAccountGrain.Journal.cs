using System.Globalization;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

internal sealed partial class PaymentAccountGrain
{
    private readonly Dictionary<string, long> stagedRefunded = new(StringComparer.Ordinal);

    /// <summary>
    /// Forgets idempotency keys older than <see cref="PaymentRules.IdempotencyKeyRetention"/> and lets payments past the
    /// refund window (with nothing pending) leave the refundable map, so the state is bounded by recent activity.
    /// </summary>
    private void Prune()
    {
        var now = time.GetUtcNow();
        if (now - State.PrunedAt < PaymentRules.PruneInterval)
        {
            return;
        }

        State.PrunedAt = now;
        foreach (var key in State.Operations.Where(o => now - o.Value.At > PaymentRules.IdempotencyKeyRetention).Select(o => o.Key).ToArray())
        {
            State.Operations.Remove(key);
        }

        foreach (var (paymentId, payment) in State.Refundable.Where(p => p.Value.Pending == 0 && now - p.Value.CollectedAt > PaymentRules.RefundWindow).ToArray())
        {
            // The record takes over the refunded amount, rewritten from the state in case an unacknowledged write moved it.
            stagedRefunded[paymentId] = payment.Refunded;
            State.Refundable.Remove(paymentId);
        }
    }

    private void StagePayment(PaymentReceipt receipt) => stagedPayments[receipt.PaymentId] = new PaymentRecord(receipt, 0);

    private void StageRefund(RefundRecord refund) => stagedRefunds[refund.RefundId] = refund.View();

    private Task WriteStagedAsync()
    {
        var journal = Journal;
        return Task.WhenAll(
            journal.AppendAsync(stagedEntries),
            Task.WhenAll(stagedPayments.Values.Select(p => journal.Payment(p.Receipt.PaymentId).PutAsync(p))),
            Task.WhenAll(stagedRefunded.Select(p => journal.Payment(p.Key).SetRefundedAsync(p.Value))),
            Task.WhenAll(stagedRefunds.Values.Select(r => journal.Refund(r.RefundId).PutAsync(r))));
    }

    private void ClearStaged()
    {
        stagedEntries.Clear();
        stagedPayments.Clear();
        stagedRefunded.Clear();
        stagedRefunds.Clear();
    }

    private async Task<PaymentRecord> FindPaymentAsync(string paymentId) =>
        (IsCounted(paymentId, "PAY", State.PaymentCount) ? await Journal.Payment(paymentId).GetAsync() : null)
        ?? throw new NotFoundException(PaymentRules.PaymentNotFound, $"Payment {paymentId} does not exist in this clinic.");

    /// <summary>A refund as it stands: the state's while it waits for approval, else its record.</summary>
    private async Task<RefundView> FindRefundViewAsync(string refundId) =>
        State.PendingRefunds.TryGetValue(refundId, out var pending) ? pending.View()
        : (IsCounted(refundId, "RF", State.RefundCount) ? await Journal.Refund(refundId).GetAsync() : null)
        ?? throw new NotFoundException(PaymentRules.RefundNotFound, $"Refund {refundId} does not exist in this clinic.");

    /// <summary>Whether <paramref name="id"/> is one of the first <paramref name="count"/> ids of its kind (records after it were never acknowledged).</summary>
    private static bool IsCounted(string? id, string prefix, int count) =>
        id is not null && id.StartsWith(prefix + "-", StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= 1 && number <= count && id == NextId(prefix, number - 1);
}
