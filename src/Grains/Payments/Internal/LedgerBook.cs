using System.Collections.Immutable;

namespace VetActors.Grains.Payments.Internal;

/// <summary>The ledger's invariants, checked from scratch: nothing here trusts a kept total.</summary>
internal static class LedgerBook
{
    public static LedgerCheck Check(PaymentAccountState state)
    {
        var problems = new List<string>();
        var currency = state.Settings.Currency;
        var balances = Enum.GetValues<LedgerAccount>().ToDictionary(a => a, _ => 0L);
        long expected = 1;
        foreach (var entry in state.Entries)
        {
            if (entry.Sequence != expected)
            {
                problems.Add($"entry {entry.Sequence} follows {expected - 1}: entries must be numbered 1, 2, 3 ...");
            }

            expected = entry.Sequence + 1;
            if (entry.Amount.Currency != currency || entry.Amount.MinorUnits <= 0 || entry.Debit == entry.Credit)
            {
                problems.Add($"entry {entry.Sequence} moves {entry.Amount} from {entry.Credit} to {entry.Debit}");
            }

            balances[entry.Debit] = checked(balances[entry.Debit] + entry.Amount.MinorUnits);
            balances[entry.Credit] = checked(balances[entry.Credit] - entry.Amount.MinorUnits);
        }

        foreach (var (account, balance) in balances)
        {
            if (state.Balances.GetValueOrDefault(account) != balance)
            {
                problems.Add($"{account} is kept at {state.Balances.GetValueOrDefault(account)}, its entries sum to {balance}");
            }
        }

        if (balances.Values.Sum() != 0)
        {
            problems.Add($"the balances sum to {balances.Values.Sum()}, not 0");
        }

        CheckPayments(state, problems);
        CheckPayouts(state, problems);
        return new LedgerCheck(
            state.Entries.Count,
            [.. balances.Select(b => new AccountBalance(b.Key, new Money(b.Value, currency)))],
            [.. problems]);
    }

    private static void CheckPayments(PaymentAccountState state, List<string> problems)
    {
        var byPayment = state.Entries.Where(e => e.PaymentId is not null).ToLookup(e => e.PaymentId!);
        foreach (var payment in state.Payments)
        {
            var entries = byPayment[payment.PaymentId].ToArray();
            var collections = entries.Where(e => e.Kind is LedgerEntryKind.Collection).ToArray();
            if (collections.Length != 1 || collections[0].Amount != payment.Amount)
            {
                problems.Add($"payment {payment.PaymentId} of {payment.Amount} has {collections.Length} collection entries");
            }

            var refunds = state.Refunds.Where(r => r.PaymentId == payment.PaymentId).ToArray();
            var refunded = entries.Where(e => e.Kind is LedgerEntryKind.Refund).Sum(e => e.Amount.MinorUnits);
            var completed = refunds.Where(r => r.Status is RefundStatus.Completed).Sum(r => r.Amount.MinorUnits);
            var reserved = refunds.Where(r => r.Status is RefundStatus.PendingApproval).Sum(r => r.Amount.MinorUnits);
            if (refunded != completed)
            {
                problems.Add($"payment {payment.PaymentId}: refund entries total {refunded}, completed refunds {completed}");
            }

            if (completed + reserved > payment.Amount.MinorUnits)
            {
                problems.Add($"payment {payment.PaymentId} of {payment.Amount} has {completed} refunded and {reserved} pending");
            }

            if (!state.Operations.TryGetValue(payment.IdempotencyKey, out var operation) || operation.Id != payment.PaymentId)
            {
                problems.Add($"payment {payment.PaymentId} is not the one its idempotency key '{payment.IdempotencyKey}' recorded");
            }
        }

        foreach (var refund in state.Refunds)
        {
            var entries = state.Entries.Count(e => e.RefundId == refund.RefundId);
            if (entries != (refund.Status is RefundStatus.Completed ? 1 : 0))
            {
                problems.Add($"refund {refund.RefundId} ({refund.Status}) has {entries} ledger entries");
            }

            if (!state.Operations.TryGetValue(refund.IdempotencyKey, out var operation) || operation.Id != refund.RefundId)
            {
                problems.Add($"refund {refund.RefundId} is not the one its idempotency key '{refund.IdempotencyKey}' recorded");
            }
        }

        if (state.Operations.Count != state.Payments.Count + state.Refunds.Count)
        {
            problems.Add($"{state.Operations.Count} idempotency keys for {state.Payments.Count} payments and {state.Refunds.Count} refunds");
        }
    }

    private static void CheckPayouts(PaymentAccountState state, List<string> problems)
    {
        var byAppointment = state.Entries.Where(e => e.AppointmentReference is not null).ToLookup(e => e.AppointmentReference!);
        foreach (var payout in state.Payouts.Values)
        {
            var entries = byAppointment[payout.AppointmentReference].ToArray();
            var accrued = entries.Count(e => e.Kind is LedgerEntryKind.PayoutAccrued && e.Amount == payout.Amount);
            var paid = entries.Count(e => e.Kind is LedgerEntryKind.PayoutPaid && e.Amount == payout.Amount && e.PayoutBatchId == payout.PayoutBatchId);
            var (wantAccrued, wantPaid) = payout.Status switch
            {
                PayoutStatus.Payable => (1, 0),
                PayoutStatus.Paid => (1, 1),
                _ => (0, 0),
            };
            if (accrued != wantAccrued || paid != wantPaid || entries.Length != wantAccrued + wantPaid)
            {
                problems.Add($"payout of appointment {payout.AppointmentReference} ({payout.Status} {payout.Amount}) has {entries.Length} ledger entries");
            }
        }
    }
}
