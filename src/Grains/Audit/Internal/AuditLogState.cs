namespace VetActors.Grains.Audit.Internal;

internal sealed class AuditLogState
{
    public List<AuditEntry> Entries { get; set; } = [];
}
