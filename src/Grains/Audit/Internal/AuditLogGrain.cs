using System.Globalization;
using VetActors.Actors;
using VetActors.Grains.Common;

namespace VetActors.Grains.Audit.Internal;

/// <summary>
/// The log keeps only its count; entries live in pages, written before the count, so an append rewrites one page of at
/// most <see cref="PageSize"/> entries and its cost does not grow with the log.
/// </summary>
internal sealed class AuditLogGrain(
    [PersistentState("audit")] IPersistentState<AuditLogState> state, TimeProvider time) : Grain, IAuditLogGrain
{
    internal const int PageSize = 256;
    private const int MaxPage = 500;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Entries.Count == 0)
        {
            return;
        }

        foreach (var entry in state.State.Entries)
        {
            await Page(entry.Sequence).AppendAsync(entry);
        }

        state.State.Count = state.State.Entries[^1].Sequence;
        state.State.Entries = [];
        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<AuditEntry> AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new AuditEntry(state.State.Count + 1, time.GetUtcNow(), record.Actor, record.Action, record.Target, record.Before, record.After);
        await Page(entry.Sequence).AppendAsync(entry);
        state.State.Count = entry.Sequence;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable, so not written: the page's copy is beyond the count, unread, and replaced by the next append.
            state.State.Count = entry.Sequence - 1;
            throw;
        }

        return entry;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit)
    {
        if (limit is < 1 or > MaxPage)
        {
            throw new ValidationException("page_size", $"must be between 1 and {MaxPage}.");
        }

        var count = state.State.Count;
        var entries = new List<AuditEntry>();
        for (var page = PageOf(Math.Max(0, afterSequence) + 1); entries.Count < limit && page <= PageOf(count) && count > afterSequence; page++)
        {
            entries.AddRange((await Page(page * PageSize).ReadAsync()).Where(e => e.Sequence > afterSequence && e.Sequence <= count).Take(limit - entries.Count));
        }

        return entries;
    }

    private static long PageOf(long sequence) => ((sequence - 1) / PageSize) + 1;

    private IAuditLogPageGrain Page(long sequence) => GrainFactory.GetGrain<IAuditLogPageGrain>(
        this.GetPrimaryKeyString() + string.Create(CultureInfo.InvariantCulture, $"-{PageOf(sequence):D6}"));
}
