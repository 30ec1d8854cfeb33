using VetActors.Actors;

namespace VetActors.Grains.Audit;

/// <summary>
/// A clinic's append-only audit log (key <c>clinic-42/audit/log</c>): entries are added, never changed or removed,
/// and numbered from 1 in the order they were written.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; returns once it is durable.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record);

    /// <summary>Up to <paramref name="limit"/> entries after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long afterSequence, int limit);
}
