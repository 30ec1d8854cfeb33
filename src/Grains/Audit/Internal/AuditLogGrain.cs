using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Identity.Internal;

namespace VetActors.Grains.Audit.Internal;

internal sealed class AuditLogGrain(
    [PersistentState("audit")] IPersistentState<AuditLogState> state, TimeProvider time) : Grain, IAuditLogGrain
{
    private const int MaxPage = 500;

    public async Task<AuditEntry> AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entries = state.State.Entries;
        var entry = new AuditEntry(
            entries.Count == 0 ? 1 : entries[^1].Sequence + 1, time.GetUtcNow(), record.Actor, record.Action, record.Target, record.Before, record.After);
        entries.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable, so not written: the next append must not see it.
            entries.RemoveAt(entries.Count - 1);
            throw;
        }

        return entry;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit) => Completed.From<IReadOnlyList<AuditEntry>>(() => Read(afterSequence, limit));

    private AuditEntry[] Read(long afterSequence, int limit)
    {
        if (limit is < 1 or > MaxPage)
        {
            throw new ValidationException("page_size", $"must be between 1 and {MaxPage}.");
        }

        return state.State.Entries.Where(e => e.Sequence > afterSequence).Take(limit).ToArray();
    }
}
