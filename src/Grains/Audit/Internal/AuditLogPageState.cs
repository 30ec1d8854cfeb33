namespace VetActors.Grains.Audit.Internal;

internal sealed class AuditLogPageState
{
    public List<AuditEntry> Entries { get; set; } = [];
}
