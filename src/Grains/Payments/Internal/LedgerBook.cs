using System.Globalization;

namespace VetActors.Grains.Payments.Internal;

/// <summary>The ledger's invariants, checked from scratch: nothing here trusts a kept total.</summary>
internal static class LedgerBook
{
    /// <summary>
    /// Checks the account's <paramref name="state"/> against its committed journal: <paramref name="payments"/> and
    /// <paramref name="refunds"/> hold the records numbered 1 to the state's counts (<c>null</c> where one is missing),
    /// <paramref name="keys"/> the key records their idempotency keys name.
    /// </summary>
    public static LedgerCheck Check(
        PaymentAccountState state,
        IReadOnlyList<LedgerEntry> entries,
        IReadOnlyList<PaymentRecord?> payments,
        IReadOnlyList<RefundView?> refunds,
        IReadOnlyDictionary<string, PaymentKeyRecord> keys)
    {
        var problems = new List<string>();
        var currency = state.Settings.Currency;
        var balances = Enum.GetValues<LedgerAccount>().ToDictionary(a => a, _ => 0L);
        long expected = 1;
        foreach (var entry in entries)
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

        if (entries.Count != state.EntryCount)
        {
            problems.Add($"the account counts {state.EntryCount} entries, the journal holds {entries.Count}");
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

        CheckPayments(state, entries, payments, refunds, problems);
        CheckRefunds(state, entries, refunds, problems);
        CheckKeys(payments, refunds, keys, problems);
        CheckPayouts(state, entries, problems);
        return new LedgerCheck(
            entries.Count,
            [.. balances.Select(b => new AccountBalance(b.Key, new Money(b.Value, currency)))],
            [.. problems]);
    }

    private static void CheckPayments(
        PaymentAccountState state, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<PaymentRecord?> payments, IReadOnlyList<RefundView?> refunds, List<string> problems)
    {
        var byPayment = entries.Where(e => e.PaymentId is not null).ToLookup(e => e.PaymentId!);
        var refundsOf = refunds.OfType<RefundView>().ToLookup(r => r.PaymentId);
        for (var n = 0; n < payments.Count; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"PAY-{n + 1:D6}");
            if (payments[n] is not { } record)
            {
                problems.Add($"payment {id} is counted but has no record");
                continue;
            }

            var payment = record.Receipt;
            var collections = byPayment[id].Where(e => e.Kind is LedgerEntryKind.Collection).ToArray();
            if (payment.PaymentId != id || collections.Length != 1 || collections[0].Amount != payment.Amount)
            {
                problems.Add($"payment {id} of {payment.Amount} has {collections.Length} collection entries");
            }

            var refunded = byPayment[id].Where(e => e.Kind is LedgerEntryKind.Refund).Sum(e => e.Amount.MinorUnits);
            var completed = refundsOf[id].Where(r => r.Status is RefundStatus.Completed).Sum(r => r.Amount.MinorUnits);
            var reserved = refundsOf[id].Where(r => r.Status is RefundStatus.PendingApproval).Sum(r => r.Amount.MinorUnits);
            if (refunded != completed)
            {
                problems.Add($"payment {id}: refund entries total {refunded}, completed refunds {completed}");
            }

            if (completed + reserved > payment.Amount.MinorUnits)
            {
                problems.Add($"payment {id} of {payment.Amount} has {completed} refunded and {reserved} pending");
            }

            // A listed id past the count, or one a crash left behind and a later refund of another payment took over,
            // is a leftover of a write never acknowledged: readers skip it, and so does the check.
            var listed = record.RefundIds.Where(r => Number(r) >= 1 && refunds.Count >= Number(r) && refunds[Number(r) - 1]?.PaymentId == id).Order(StringComparer.Ordinal);
            if (!listed.SequenceEqual(refundsOf[id].Select(r => r.RefundId).Order(StringComparer.Ordinal)))
            {
                problems.Add($"payment {id} lists refunds {string.Join(",", listed)}, the refunds naming it are {string.Join(",", refundsOf[id].Select(r => r.RefundId))}");
            }
        }

        foreach (var pending in state.PendingRefunds.Values.Where(p => refunds.ElementAtOrDefault(Number(p.RefundId) - 1)?.Status is not RefundStatus.PendingApproval))
        {
            problems.Add($"refund {pending.RefundId} waits for approval but is not counted as pending");
        }
    }

    private static int Number(string id) => int.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);

    private static void CheckRefunds(PaymentAccountState state, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<RefundView?> refunds, List<string> problems)
    {
        var entriesOf = entries.Where(e => e.RefundId is not null).ToLookup(e => e.RefundId!);
        for (var n = 0; n < refunds.Count; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"RF-{n + 1:D6}");
            if (refunds[n] is not { } refund || refund.RefundId != id)
            {
                problems.Add($"refund {id} is counted but has no record");
                continue;
            }

            var count = entriesOf[id].Count();
            if (count != (refund.Status is RefundStatus.Completed ? 1 : 0))
            {
                problems.Add($"refund {id} ({refund.Status}) has {count} ledger entries");
            }
        }

        if (entriesOf.Count != refunds.Count(r => r is { Status: RefundStatus.Completed }))
        {
            problems.Add($"{entriesOf.Count} refunds have ledger entries, {refunds.Count(r => r is { Status: RefundStatus.Completed })} are completed");
        }
    }

    private static void CheckKeys(
        IReadOnlyList<PaymentRecord?> payments, IReadOnlyList<RefundView?> refunds, IReadOnlyDictionary<string, PaymentKeyRecord> keys, List<string> problems)
    {
        var operations = payments.OfType<PaymentRecord>().Select(p => (p.Receipt.PaymentId, p.Receipt.IdempotencyKey, p.Receipt.CollectedAt))
            .Concat(refunds.OfType<RefundView>().Select(r => (r.RefundId, r.IdempotencyKey, r.RequestedAt)));
        foreach (var (id, key, at) in operations)
        {
            // A key reused after its retention names the newer operation.
            if (!keys.TryGetValue(key, out var record) || (record.OperationId != id && record.At - at <= PaymentRules.IdempotencyKeyRetention))
            {
                problems.Add($"{id} was made under idempotency key '{key}', which names {record?.OperationId ?? "nothing"}");
            }
        }
    }

    private static void CheckPayouts(PaymentAccountState state, IReadOnlyList<LedgerEntry> ledger, List<string> problems)
    {
        var byAppointment = ledger.Where(e => e.AppointmentReference is not null).ToLookup(e => e.AppointmentReference!);
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
