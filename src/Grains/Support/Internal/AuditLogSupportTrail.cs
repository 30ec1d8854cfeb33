using VetActors.Actors;
using VetActors.Grains.Audit;

namespace VetActors.Grains.Support.Internal;

/// <summary>Writes support-case actions to the clinic's audit log (the detail becomes the entry's "after").</summary>
internal sealed class AuditLogSupportTrail(IGrainFactory grains) : ISupportAuditTrail
{
    public async Task RecordAsync(SupportAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await AuditLog.For(grains, entry.ClinicId).AppendAsync(new AuditRecord(entry.Actor, entry.Action, entry.Subject, After: entry.Detail));
    }
}
