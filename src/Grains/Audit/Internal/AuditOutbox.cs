using VetActors.Actors;

namespace VetActors.Grains.Audit.Internal;

/// <summary>
/// Audit entries a grain keeps in its own state until they are in the clinic's log. They are saved with the change
/// they describe and appended after it, so an entry never describes a change that was not kept; a failure or crash
/// before the emptied list is saved appends them again at the grain's next flush (an entry may repeat, never vanish).
/// </summary>
internal static class AuditOutbox
{
    public static async Task FlushAsync(IGrainFactory grains, string clinicId, List<AuditRecord> pending, Func<Task> saveAsync)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var log = AuditLog.For(grains, clinicId);
        foreach (var record in pending)
        {
            await log.AppendAsync(record);
        }

        pending.Clear();
        await saveAsync();
    }
}
