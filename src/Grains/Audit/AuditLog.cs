using VetActors.Actors;
using VetActors.Grains.Common;

namespace VetActors.Grains.Audit;

/// <summary>Finds a clinic's audit log.</summary>
public static class AuditLog
{
    public static IAuditLogGrain For(IGrainFactory grains, string clinicId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IAuditLogGrain>(GrainKeys.Child(clinicId, "audit", "log"));
    }
}
