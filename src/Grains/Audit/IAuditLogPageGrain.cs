using System.Collections.Immutable;
using VetActors.Actors;

namespace VetActors.Grains.Audit;

/// <summary>
/// One page of a clinic's audit log (key <c>clinic-42/audit/log-000001</c>), written only by the log before the log
/// counts the entry, so a page may end with an entry the log never acknowledged; readers take entries up to its count.
/// </summary>
[GrainType("audit-log-page")]
public interface IAuditLogPageGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="entry"/>, replacing any entry numbered from it on (left by an unacknowledged append).</summary>
    Task AppendAsync(AuditEntry entry);

    /// <summary>The page's entries, oldest first.</summary>
    Task<ImmutableArray<AuditEntry>> ReadAsync();
}
