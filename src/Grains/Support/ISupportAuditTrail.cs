namespace VetActors.Grains.Support;

/// <summary>Appends to the audit log (the host wires it to the clinic's audit log).</summary>
public interface ISupportAuditTrail
{
    Task RecordAsync(SupportAuditEntry entry, CancellationToken cancellationToken);
}
