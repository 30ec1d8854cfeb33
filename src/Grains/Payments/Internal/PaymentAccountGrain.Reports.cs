using System.Collections.Immutable;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

internal sealed partial class PaymentAccountGrain
{
    public async Task<MonthlyStatement> GetMonthlyStatementAsync(int year, int month)
    {
        if (year is < 2000 or > 9999 || month is < 1 or > 12)
        {
            throw new ValidationException(year is < 2000 or > 9999 ? "year" : "month", "must name a calendar month (year 2000-9999, month 1-12).");
        }

        // A clinic closes its books by its own calendar, not by UTC's.
        var timeZone = (await GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(ClinicId)).GetProfileAsync()).TimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var from = StartOfMonth(zone, year, month);
        var to = StartOfMonth(zone, month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1);
        var inMonth = (await Journal.ReadAllAsync(State.EntryCount)).Where(e => e.At >= from && e.At < to).ToArray();
        var collections = Sum(inMonth, LedgerEntryKind.Collection);
        var refunds = Sum(inMonth, LedgerEntryKind.Refund);
        var fees = Sum(inMonth, LedgerEntryKind.ProcessorFee);
        return new MonthlyStatement(
            year,
            month,
            timeZone,
            from,
            to,
            collections,
            inMonth.Count(e => e.Kind is LedgerEntryKind.Collection),
            refunds,
            inMonth.Count(e => e.Kind is LedgerEntryKind.Refund),
            fees,
            collections.Minus(refunds).Minus(fees));
    }

    /// <summary>The first instant of the month in <paramref name="zone"/> (a day starting inside a clock change starts when the clock resumes).</summary>
    private static DateTimeOffset StartOfMonth(TimeZoneInfo zone, int year, int month)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    public async Task<ImmutableArray<LedgerEntry>> ListTransactionsAsync(TransactionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Limit is < 1 or > PaymentRules.MaxPage)
        {
            throw new ValidationException("page_size", $"must be between 1 and {PaymentRules.MaxPage}.");
        }

        if (filter is { From: { } from, To: { } to } && to <= from)
        {
            throw new ValidationException("to", "must be after from.");
        }

        var page = ImmutableArray.CreateBuilder<LedgerEntry>();
        await foreach (var e in Journal.ReadAsync(Math.Max(0, filter.AfterSequence), State.EntryCount))
        {
            if ((filter.Kind is null || e.Kind == filter.Kind)
                && (filter.From is null || e.At >= filter.From)
                && (filter.To is null || e.At < filter.To)
                && (filter.PaymentId is null || e.PaymentId == filter.PaymentId)
                && (filter.AppointmentReference is null || e.AppointmentReference == filter.AppointmentReference))
            {
                page.Add(e);
                if (page.Count == filter.Limit)
                {
                    break;
                }
            }
        }

        return page.ToImmutable();
    }

    public async Task<ImmutableArray<Reconciliation>> ListReconciliationsAsync()
    {
        var entries = await Journal.ReadAllAsync(State.EntryCount);
        return [.. State.Batches.AsEnumerable().Reverse().Select(b => Reconcile(b, entries))];
    }

    /// <summary>Reads every entry, payment and refund (the check alone reads the whole history).</summary>
    public async Task<LedgerCheck> CheckAsync()
    {
        var journal = Journal;
        var entries = await journal.ReadAllAsync(State.EntryCount);
        var payments = new List<PaymentRecord?>(State.PaymentCount);
        for (var n = 0; n < State.PaymentCount; n++)
        {
            payments.Add(await journal.Payment(NextId("PAY", n)).GetAsync());
        }

        var refunds = new List<RefundView?>(State.RefundCount);
        for (var n = 0; n < State.RefundCount; n++)
        {
            var id = NextId("RF", n);
            refunds.Add(State.PendingRefunds.TryGetValue(id, out var pending) ? pending.View() : await journal.Refund(id).GetAsync());
        }

        var keys = new Dictionary<string, PaymentKeyRecord>(StringComparer.Ordinal);
        foreach (var key in payments.Select(p => p?.Receipt.IdempotencyKey).Concat(refunds.Select(r => r?.IdempotencyKey)).OfType<string>().Distinct())
        {
            if (await journal.Key(key).GetAsync() is { } record)
            {
                keys[key] = record;
            }
        }

        return LedgerBook.Check(State, entries, payments, refunds, keys);
    }

    private Reconciliation Reconcile(PayoutBatch batch, ImmutableArray<LedgerEntry> ledger)
    {
        var entries = ledger.Where(e => e.Kind is LedgerEntryKind.PayoutPaid && e.PayoutBatchId == batch.BatchId).ToArray();
        var mismatches = new List<string>();
        foreach (var reference in batch.AppointmentReferences)
        {
            var paid = entries.Where(e => e.AppointmentReference == reference).ToArray();
            var owed = State.Payouts.GetValueOrDefault(reference);
            if (paid.Length != 1)
            {
                mismatches.Add($"appointment {reference}: {paid.Length} ledger entries pay it in this batch, not 1");
            }
            else if (owed is null || owed.Amount != paid[0].Amount || owed.PayoutBatchId != batch.BatchId)
            {
                mismatches.Add($"appointment {reference}: paid {paid[0].Amount}, its payout says {owed?.Amount} in batch {owed?.PayoutBatchId}");
            }
        }

        foreach (var stray in entries.Where(e => !batch.AppointmentReferences.Contains(e.AppointmentReference!)))
        {
            mismatches.Add($"ledger entry {stray.Sequence} names this batch for appointment {stray.AppointmentReference}, which the batch does not hold");
        }

        var matched = entries.Aggregate(Amount(0), (sum, e) => sum.Plus(e.Amount));
        if (matched != batch.Total)
        {
            mismatches.Add($"the entries total {matched}, the batch {batch.Total}");
        }

        return new Reconciliation(batch, [.. entries.Select(e => e.Sequence)], matched, [.. mismatches]);
    }

    private Money Sum(IEnumerable<LedgerEntry> entries, LedgerEntryKind kind) =>
        entries.Where(e => e.Kind == kind).Aggregate(Amount(0), (sum, e) => sum.Plus(e.Amount));
}
