namespace VetActors.Actors.CrashHost;

internal sealed class JournalGrain([PersistentState("journal")] IPersistentState<JournalState> journal) : Grain, IJournalGrain
{
    public async Task AppendAsync(long entry)
    {
        journal.State.Entries.Add(entry);
        await journal.WriteStateAsync();
    }

    public Task<long[]> ReadAsync() => Task.FromResult(journal.State.Entries.ToArray());
}

internal sealed class JournalState
{
    public List<long> Entries { get; set; } = [];
}
