using VetActors.Grains.Pets;

namespace VetActors.Grains.Sync;

/// <summary>
/// Patients and what hangs off them. Which client a pet belongs to, and whether it is deleted, is the pet grain's
/// decision (it compares versions); the index and the clients' lists only follow its answer, so an older patient
/// record or deletion can neither move a pet nor take it off its owner's list.
/// </summary>
internal sealed partial class PimsSyncGrain
{
    private Dictionary<string, PetPlan> PlanPets(List<Work> work, bool finalDecision, AckBuilder ack)
    {
        var pets = new Dictionary<string, PetPlan>(StringComparer.Ordinal);
        foreach (var item in work.Where(w => w.Record.Kind == PimsRecordKind.Patient || IsDeletionOf(w, PimsRecordKind.Patient)))
        {
            var record = item.Record;
            var pimsPatientId = record.Kind == PimsRecordKind.Patient ? record.Id : record.Deletion!.TargetId;
            string? owner = null;
            if (record.Kind == PimsRecordKind.Patient && !Index.PimsClients.TryGetValue(record.Patient!.ClientId, out owner))
            {
                Wait(item, "client:" + record.Patient.ClientId, $"client {record.Patient.ClientId} has not arrived", finalDecision, ack);
                continue;
            }

            // A deletion of a patient never seen still goes to its pet, which keeps the version as a tombstone.
            var link = Index.PimsPatients.GetValueOrDefault(pimsPatientId);
            AddPetWork(pets, link?.PetId ?? PimsSyncKeys.PetIdFor(pimsPatientId), pimsPatientId, link, owner, item);
        }

        var planned = pets.Values.ToDictionary(p => p.PimsPatientId, p => p, StringComparer.Ordinal);
        foreach (var item in work.Where(w => w.Record.PatientId is not null && w.Record.Kind is not (PimsRecordKind.Patient or PimsRecordKind.Client)
            && !IsDeletionOf(w, PimsRecordKind.Client) && !IsDeletionOf(w, PimsRecordKind.Patient)))
        {
            var patientId = item.Record.PatientId!;
            if (Index.PimsPatients.TryGetValue(patientId, out var link))
            {
                AddPetWork(pets, link.PetId, patientId, link, null, item);
            }
            else if (planned.TryGetValue(patientId, out var plan))
            {
                plan.Works.Add(item);
            }
            else
            {
                Wait(item, "patient:" + patientId, $"patient {patientId} has not arrived", finalDecision, ack);
            }
        }

        return pets;
    }

    /// <summary>Moves the pet in the index and in the clients' lists to where the pet grain says it is.</summary>
    private void FollowPet(string petId, PetPlan plan, PetApplyResult result, Func<string, ClientPlan> clientOf)
    {
        var listedIn = plan.Before is { Deleted: false } before ? before.ClientId : null;
        var belongsTo = result.Listed ? result.OwnerClientId : null;
        if (!string.Equals(listedIn, belongsTo, StringComparison.Ordinal))
        {
            if (listedIn is not null)
            {
                clientOf(listedIn).Unlink.Add(petId);
            }

            if (belongsTo is not null)
            {
                clientOf(belongsTo).Link.Add(petId);
            }
        }

        var link = new PatientLink(petId, result.OwnerClientId ?? plan.Before?.ClientId ?? "", !result.Listed);
        if (link != plan.Before)
        {
            LinkPatient(plan.PimsPatientId, link);
        }
    }

    private static void AddPetWork(Dictionary<string, PetPlan> pets, string petId, string pimsPatientId, PatientLink? before, string? owner, Work item)
    {
        if (!pets.TryGetValue(petId, out var plan))
        {
            pets[petId] = plan = new PetPlan(pimsPatientId, before);
        }

        if (owner is not null && (plan.OwnerVersion is not { } newest || item.Record.Version >= newest))
        {
            plan.Owner = owner;
            plan.OwnerVersion = item.Record.Version;
        }

        plan.Works.Add(item);
    }

    private sealed class PetPlan(string pimsPatientId, PatientLink? before)
    {
        public string PimsPatientId { get; } = pimsPatientId;

        /// <summary>The index's link before this batch (null for a patient not seen before).</summary>
        public PatientLink? Before { get; } = before;

        /// <summary>The owner named by the newest patient record of the batch.</summary>
        public string? Owner { get; set; }

        public long? OwnerVersion { get; set; }

        public string OwnerForUpdate => Owner ?? Before?.ClientId ?? "";

        public List<Work> Works { get; } = [];
    }
}
