namespace VetActors.Grains.Audit.Internal;

internal sealed class AuditLogState
{
    /// <summary>Entries acknowledged (numbered 1 to this); they live in pages of <see cref="AuditLogGrain.PageSize"/>.</summary>
    public long Count { get; set; }

    /// <summary>Entries stored before the log was paged; moved into pages on activation.</summary>
    public List<AuditEntry> Entries { get; set; } = [];
}
