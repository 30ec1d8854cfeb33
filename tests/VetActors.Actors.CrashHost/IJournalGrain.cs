using VetActors.Actors;

namespace VetActors.Actors.CrashHost;

/// <summary>Keeps every entry appended to it, durably, so a crash test can check none was lost or doubled.</summary>
[GrainType("journal")]
public interface IJournalGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; returns once it is durable.</summary>
    Task AppendAsync(long entry);

    Task<long[]> ReadAsync();
}
