using System.Collections.Immutable;
using VetActors.Actors;

namespace VetActors.Grains.Audit.Internal;

internal sealed class AuditLogPageGrain([PersistentState("page")] IPersistentState<AuditLogPageState> page) : Grain, IAuditLogPageGrain
{
    public async Task AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var before = page.State.Entries;
        var kept = before.FindIndex(e => e.Sequence >= entry.Sequence);
        if (kept >= 0 && before.Count - kept == 1 && before[kept] == entry)
        {
            return;
        }

        page.State.Entries = [.. kept < 0 ? before : before.Take(kept), entry];
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

    public Task<ImmutableArray<AuditEntry>> ReadAsync() => Task.FromResult(page.State.Entries.ToImmutableArray());
}
