using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Pets;

/// <summary>
/// A pet. Holds the PIMS's view of the animal (version-checked per record), the clinic's own additions (rename
/// audit, prescription flags), and answers what the portal and staff tools show.
/// </summary>
internal sealed partial class PetGrain(
    [PersistentState("pet")] IPersistentState<PetState> pet,
    TimeProvider time) : Grain, IPetGrain
{
    private const string PimsActor = "pims";

    private PetState State => pet.State;

    private string PetId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    public async Task<PetApplyResult> ApplyPimsAsync(PetPimsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var results = new List<PetRecordResult>(update.Records.Count);
        foreach (var record in update.Records)
        {
            results.Add(record.Kind switch
            {
                PimsRecordKind.Patient => ApplyPatient(record, update.OwnerClientId, update.Policy),
                PimsRecordKind.Appointment => ApplyItem(State.Appointments, record, ToAppointment(record)),
                PimsRecordKind.ServiceReminder => ApplyItem(State.Reminders, record, ToReminder(record)),
                PimsRecordKind.Vaccination => ApplyItem(State.Vaccinations, record, ToVaccination(record)),
                PimsRecordKind.Prescription => ApplyItem(State.Prescriptions, record, ToPrescription(record)),
                PimsRecordKind.Deletion => ApplyDeletion(record),
                _ => throw new ValidationException("kind", $"Record kind {record.Kind} does not belong to a pet."),
            });
        }

        State.DataAsOf = time.GetUtcNow();
        await SaveAsync();
        return new PetApplyResult(results, State.OwnerClientId, State.PimsVersion is not null && !State.Deleted && State.OwnerClientId is not null);
    }

    public async Task<PetNameChange> RenameAsync(string newName, string reason, string staffUserId)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(newName) || newName.Trim().Length > 100)
        {
            violations.Add(new FieldViolation("new_name", "must be 1-100 characters."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            violations.Add(new FieldViolation("reason", "is required: the audit record says why the name changed."));
        }

        if (string.IsNullOrWhiteSpace(staffUserId))
        {
            violations.Add(new FieldViolation("staff_user_id", "is required."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }

        EnsureExists();
        if (string.Equals(State.Name, newName.Trim(), StringComparison.Ordinal))
        {
            throw new RuleViolation("pet.same_name", $"The pet is already called {State.Name}.");
        }

        var change = Rename(newName.Trim(), reason.Trim(), staffUserId);
        await SaveAsync();
        return change;
    }

    public async Task MoveToOwnerAsync(string clientId)
    {
        EnsureExists();
        State.OwnerClientId = clientId;
        await SaveAsync();
    }

    private PetRecordResult ApplyPatient(PimsRecord record, string ownerClientId, SyncPolicy policy)
    {
        var data = record.Patient ?? throw new ValidationException("patient", "A patient record needs its patient data.");
        if (State.PimsVersion is { } stored && record.Version <= stored)
        {
            return new PetRecordResult(record.Id, record.Version < stored, []);
        }

        var held = new List<HeldChange>();
        var isNew = State.PimsVersion is null || State.Deleted;

        // The owner is part of the record: only a newer version moves the pet to another client.
        State.OwnerClientId = ownerClientId;
        State.PimsId = record.Id;
        State.PimsVersion = record.Version;
        State.OwnerPimsId = data.ClientId;
        State.Deleted = false;
        if (isNew || string.IsNullOrEmpty(State.Name))
        {
            State.Name = data.Name;
        }
        else if (!string.Equals(State.Name, data.Name, StringComparison.Ordinal))
        {
            if (policy.AutoApplyPetName)
            {
                Rename(data.Name, "Name changed in the PIMS (applied by the clinic's sync policy).", PimsActor);
            }
            else
            {
                held.Add(new HeldChange(ReviewKind.PetName, State.Name, data.Name));
            }
        }

        State.Species = data.Species;
        State.Breed = data.Breed;
        State.Sex = data.Sex;
        State.BirthDate = data.BirthDate;
        State.Colour = data.Colour;
        State.Microchip = data.Microchip;
        if (data.Weight is { } weight)
        {
            RecordWeight(new WeightReading(weight, data.WeightUnit ?? "kg", data.WeightDate ?? Today()));
        }

        if (data.Deceased != State.Deceased)
        {
            State.Deceased = data.Deceased;
            FlagFutureAppointments();
        }

        State.DeceasedDate = data.Deceased ? data.DeceasedDate ?? State.DeceasedDate ?? Today() : null;
        return new PetRecordResult(record.Id, false, held);
    }

    private PetRecordResult ApplyItem<T>(Dictionary<string, Versioned<T>> items, PimsRecord record, T value)
        where T : class
    {
        if (items.TryGetValue(record.Id, out var existing) && record.Version <= existing.Version)
        {
            return new PetRecordResult(record.Id, record.Version < existing.Version, []);
        }

        items[record.Id] = new Versioned<T> { Version = record.Version, Value = value };
        if (value is PetAppointment)
        {
            FlagFutureAppointments();
        }

        return new PetRecordResult(record.Id, false, []);
    }

    private PetRecordResult ApplyDeletion(PimsRecord record)
    {
        var deletion = record.Deletion ?? throw new ValidationException("deletion", "A deletion record needs its target.");
        if (deletion.TargetKind == PimsRecordKind.Patient)
        {
            if (State.PimsVersion is { } stored && record.Version <= stored)
            {
                return new PetRecordResult(record.Id, record.Version < stored, []);
            }

            State.PimsVersion = record.Version;
            State.Deleted = true;
            return new PetRecordResult(record.Id, false, []);
        }

        return deletion.TargetKind switch
        {
            PimsRecordKind.Appointment => Tombstone(State.Appointments, deletion.TargetId, record),
            PimsRecordKind.ServiceReminder => Tombstone(State.Reminders, deletion.TargetId, record),
            PimsRecordKind.Vaccination => Tombstone(State.Vaccinations, deletion.TargetId, record),
            PimsRecordKind.Prescription => Tombstone(State.Prescriptions, deletion.TargetId, record),
            _ => throw new ValidationException("deletion.target_kind", $"{deletion.TargetKind} records are not held by a pet."),
        };
    }

    private static PetRecordResult Tombstone<T>(Dictionary<string, Versioned<T>> items, string id, PimsRecord record)
        where T : class
    {
        if (items.TryGetValue(id, out var existing) && record.Version <= existing.Version)
        {
            return new PetRecordResult(record.Id, record.Version < existing.Version, []);
        }

        items[id] = new Versioned<T> { Version = record.Version, Value = null };
        return new PetRecordResult(record.Id, false, []);
    }

    private void RecordWeight(WeightReading reading)
    {
        if (State.Weights.Contains(reading))
        {
            return;
        }

        State.Weights.RemoveAll(w => w.MeasuredOn == reading.MeasuredOn);
        State.Weights.Add(reading);
        State.Weights.Sort((a, b) => a.MeasuredOn.CompareTo(b.MeasuredOn));
    }

    private PetNameChange Rename(string newName, string reason, string changedBy)
    {
        var flagged = new List<string>();
        foreach (var (id, item) in State.Prescriptions)
        {
            if (item.Value is { } rx && IsActive(rx) && !rx.RewriteRequired)
            {
                item.Value = rx with { RewriteRequired = true, WrittenForName = State.Name };
                flagged.Add(id);
            }
        }

        var change = new PetNameChange(PetId, State.Microchip, State.Name, newName, reason, changedBy, time.GetUtcNow(), flagged);
        State.NameHistory.Add(change);
        State.Name = newName;
        AuditRename(change);
        return change;
    }

    /// <summary>A deceased pet's upcoming appointments need a call from staff, not a reminder.</summary>
    private void FlagFutureAppointments()
    {
        var now = time.GetUtcNow();
        foreach (var item in State.Appointments.Values)
        {
            if (item.Value is not { } appointment || appointment.Start <= now || IsClosed(appointment.Status))
            {
                continue;
            }

            item.Value = appointment with { StaffFlag = State.Deceased ? "patient_deceased" : null };
        }
    }

    private static PetAppointment ToAppointment(PimsRecord r) =>
        r.Appointment is { } a
            ? new PetAppointment(r.Id, a.Start, a.DurationMinutes, a.Type, a.Status, a.Provider, null)
            : throw new ValidationException("appointment", "An appointment record needs its appointment data.");

    private static ServiceReminder ToReminder(PimsRecord r) =>
        r.ServiceReminder is { } s
            ? new ServiceReminder(r.Id, s.Service, s.DueDate, s.Completed)
            : throw new ValidationException("service_reminder", "A service reminder record needs its data.");

    private static Vaccination ToVaccination(PimsRecord r) =>
        r.Vaccination is { } v
            ? new Vaccination(r.Id, v.Vaccine, v.Given, v.Expires)
            : throw new ValidationException("vaccination", "A vaccination record needs its data.");

    private Prescription ToPrescription(PimsRecord r)
    {
        var p = r.Prescription ?? throw new ValidationException("prescription", "A prescription record needs its data.");
        return new Prescription(r.Id, p.Drug, p.Status, false, State.Name);
    }

    private static bool IsActive(Prescription rx) => string.Equals(rx.Status, "active", StringComparison.OrdinalIgnoreCase);

    private static bool IsClosed(string status) =>
        status.Equals("cancelled", StringComparison.OrdinalIgnoreCase)
        || status.Equals("canceled", StringComparison.OrdinalIgnoreCase)
        || status.Equals("completed", StringComparison.OrdinalIgnoreCase)
        || status.Equals("no_show", StringComparison.OrdinalIgnoreCase);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private void EnsureExists()
    {
        if (State.PimsVersion is null || State.Deleted)
        {
            throw new NotFoundException("pet.not_found", $"Pet {PetId} does not exist.");
        }
    }

    private async Task SaveAsync()
    {
        _summary = null;
        await pet.WriteStateAsync();
        await FlushAuditAsync();
    }

}
