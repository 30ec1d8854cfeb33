namespace VetActors.Grains.Support;

/// <summary>Appends to the audit log (the host wires it to the clinic's audit log).</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken);
}
