using System.Collections.Immutable;
using System.Globalization;
using VetActors.Actors;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

/// <summary>Where a clinic's ledger entries, payment records and refund records live outside the account's state.</summary>
internal sealed class LedgerJournal(IGrainFactory grains, string clinicId)
{
    /// <summary>Entries per ledger page: a write rewrites at most one page of this many entries (two when it crosses a page).</summary>
    internal const int PageSize = 128;

    public static long PageOf(long sequence) => ((sequence - 1) / PageSize) + 1;

    public ILedgerPageGrain Page(long page) =>
        grains.GetGrain<ILedgerPageGrain>(GrainKeys.Child(clinicId, "payments", string.Create(CultureInfo.InvariantCulture, $"ledger-{page:D6}")));

    public IPaymentRecordGrain Payment(string paymentId) => grains.GetGrain<IPaymentRecordGrain>(GrainKeys.Child(clinicId, "payments", "payment-" + paymentId));

    public IRefundRecordGrain Refund(string refundId) => grains.GetGrain<IRefundRecordGrain>(GrainKeys.Child(clinicId, "payments", "refund-" + refundId));

    public IPaymentKeyGrain Key(string idempotencyKey) => grains.GetGrain<IPaymentKeyGrain>(GrainKeys.Child(clinicId, "payment-key", idempotencyKey));

    /// <summary>Appends entries page by page, in order, so a page never holds an entry whose predecessor is missing.</summary>
    public async Task AppendAsync(IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var group in entries.GroupBy(e => PageOf(e.Sequence)).OrderBy(g => g.Key))
        {
            await Page(group.Key).AppendAsync([.. group]);
        }
    }

    /// <summary>Removes entries numbered after <paramref name="committed"/>: those of writes the account never acknowledged.</summary>
    public async Task TruncateAfterAsync(long committed)
    {
        for (var page = PageOf(committed + 1); await Page(page).TruncateAfterAsync(committed) > 0; page++)
        {
        }
    }

    /// <summary>The committed entries numbered after <paramref name="after"/>, page by page, oldest first.</summary>
    public async IAsyncEnumerable<LedgerEntry> ReadAsync(long after, long committed)
    {
        for (var page = PageOf(after + 1); page <= PageOf(committed) && committed > after; page++)
        {
            foreach (var entry in await Page(page).ReadAsync())
            {
                if (entry.Sequence > after && entry.Sequence <= committed)
                {
                    yield return entry;
                }
            }
        }
    }

    public async Task<ImmutableArray<LedgerEntry>> ReadAllAsync(long committed)
    {
        var entries = ImmutableArray.CreateBuilder<LedgerEntry>();
        await foreach (var entry in ReadAsync(0, committed))
        {
            entries.Add(entry);
        }

        return entries.ToImmutable();
    }
}
