using VetActors.Grains.Audit;
using VetActors.Grains.Audit.Internal;

namespace VetActors.Grains.Sync;

/// <summary>Staff decisions on the integration land in the clinic's audit log, besides what this grain keeps of them.</summary>
internal sealed partial class PimsSyncGrain
{
    /// <summary>The save path of a staff action: the change and its audit entry are written together, then the entry goes to the log.</summary>
    private async Task SaveAsync(AuditRecord record)
    {
        State.PendingAudit.Add(record);
        await SaveAsync();
        await FlushAuditAsync();
    }

    private Task FlushAuditAsync() => AuditOutbox.FlushAsync(GrainFactory, ClinicId, State.PendingAudit, SaveAsync);

    private static string Describe(ReviewItem item) =>
        $"{KindName(item.Kind)} of {(item.SubjectId is null ? "PIMS client " + item.PimsId : item.SubjectId)}: "
        + (item.Kind == ReviewKind.AmbiguousMatch ? $"matched {string.Join(", ", item.Candidates)}" : $"{item.Current} -> {item.Proposed}");

    private static string Describe(SyncPolicy policy) =>
        $"auto-apply client name={On(policy.AutoApplyClientName)}, client address={On(policy.AutoApplyClientAddress)}, "
        + $"client phone={On(policy.AutoApplyClientPhone)}, pet name={On(policy.AutoApplyPetName)}";

    private static string On(bool value) => value ? "on" : "off";
}
