using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Audit.Internal;
using VetActors.Grains.Common;

namespace VetActors.Grains.Pets;

/// <summary>Renames land in the clinic's audit log, besides the pet's own name history.</summary>
internal sealed partial class PetGrain
{
    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    // A rename saved before a crash took its audit entry to the log goes there now.
    public override Task OnActivateAsync(CancellationToken cancellationToken) => FlushAuditAsync();

    /// <summary>Every rename, by staff or by the clinic's sync policy, links both names to this animal in the clinic's log.</summary>
    private void AuditRename(PetNameChange change) =>
        State.PendingAudit.Add(new AuditRecord(
            change.ChangedBy == PimsActor ? AuditActors.PimsSync : AuditActors.Staff(change.ChangedBy),
            "pet.renamed",
            "pet/" + change.PetId,
            change.OldName,
            $"{change.NewName}; reason: {change.Reason}; microchip: {change.Microchip ?? "none"}; prescriptions to re-write: "
            + (change.FlaggedPrescriptionIds.Count == 0 ? "none" : string.Join(", ", change.FlaggedPrescriptionIds))));

    /// <summary>Runs after every save; a no-op unless a rename is waiting for the log.</summary>
    private Task FlushAuditAsync() => AuditOutbox.FlushAsync(GrainFactory, ClinicId, State.PendingAudit, () => pet.WriteStateAsync());
}
