using System.Collections.Immutable;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity.Internal;

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
        var inMonth = State.Entries.Where(e => e.At >= from && e.At < to).ToArray();
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

    public Task<ImmutableArray<LedgerEntry>> ListTransactionsAsync(TransactionFilter filter) => Completed.From(() =>
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

        return State.Entries
            .Where(e => e.Sequence > filter.AfterSequence
                && (filter.Kind is null || e.Kind == filter.Kind)
                && (filter.From is null || e.At >= filter.From)
                && (filter.To is null || e.At < filter.To)
                && (filter.PaymentId is null || e.PaymentId == filter.PaymentId)
                && (filter.AppointmentReference is null || e.AppointmentReference == filter.AppointmentReference))
            .Take(filter.Limit)
            .ToImmutableArray();
    });

    public Task<ImmutableArray<Reconciliation>> ListReconciliationsAsync() =>
        Task.FromResult(State.Batches.AsEnumerable().Reverse().Select(Reconcile).ToImmutableArray());

    public Task<LedgerCheck> CheckAsync() => Task.FromResult(LedgerBook.Check(State));

    private Reconciliation Reconcile(PayoutBatch batch)
    {
        var entries = State.Entries.Where(e => e.Kind is LedgerEntryKind.PayoutPaid && e.PayoutBatchId == batch.BatchId).ToArray();
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
