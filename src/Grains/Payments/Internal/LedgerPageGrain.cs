using System.Collections.Immutable;
using VetActors.Actors;

namespace VetActors.Grains.Payments.Internal;

internal sealed class LedgerPageGrain([PersistentState("page")] IPersistentState<LedgerPageState> page) : Grain, ILedgerPageGrain
{
    private List<LedgerEntry> Entries => page.State.Entries;

    public async Task AppendAsync(ImmutableArray<LedgerEntry> entries)
    {
        if (entries.IsDefaultOrEmpty)
        {
            return;
        }

        for (var i = 1; i < entries.Length; i++)
        {
            if (entries[i].Sequence != entries[i - 1].Sequence + 1)
            {
                throw new ArgumentException("Ledger entries are appended in consecutive order.", nameof(entries));
            }
        }

        var first = entries[0].Sequence;
        var kept = Entries.FindIndex(e => e.Sequence >= first);
        if (kept >= 0 && Entries.Count - kept == entries.Length && Entries.Skip(kept).SequenceEqual(entries))
        {
            return;
        }

        if (kept < 0 && Entries.Count > 0 && Entries[^1].Sequence != first - 1)
        {
            throw new InvalidOperationException($"Ledger page {this.GetPrimaryKeyString()} ends at entry {Entries[^1].Sequence}; entry {first} cannot follow it.");
        }

        await WriteAsync(kept < 0 ? [.. Entries, .. entries] : [.. Entries.Take(kept), .. entries]);
    }

    public async Task<int> TruncateAfterAsync(long sequence)
    {
        var kept = Entries.FindIndex(e => e.Sequence > sequence);
        if (kept < 0)
        {
            return 0;
        }

        var removed = Entries.Count - kept;
        await WriteAsync([.. Entries.Take(kept)]);
        return removed;
    }

    public Task<ImmutableArray<LedgerEntry>> ReadAsync() => Task.FromResult(Entries.ToImmutableArray());

    private async Task WriteAsync(List<LedgerEntry> entries)
    {
        var before = page.State.Entries;
        page.State.Entries = entries;
        try
        {
            await page.WriteStateAsync();
        }
        catch
        {
            page.State.Entries = before;
            throw;
        }
    }
}
