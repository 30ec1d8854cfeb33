using VetActors.Actors.Concurrency;
using VetActors.Grains.Common;

namespace VetActors.Grains.Sync;

/// <summary>
/// One record of a PIMS batch: its kind, the PIMS's own id and version (a modification time or counter; an older
/// version never overwrites a newer one), the payload of its kind, and the record as the agent sent it, kept
/// when it is held or rejected so staff can inspect it.
/// </summary>
[Immutable]
public sealed record PimsRecord(PimsRecordKind Kind, string Id, long Version)
{
    public PimsClientData? Client { get; init; }

    public PimsPatientData? Patient { get; init; }

    public PimsAppointmentData? Appointment { get; init; }

    public PimsServiceReminderData? ServiceReminder { get; init; }

    public PimsVaccinationData? Vaccination { get; init; }

    public PimsPrescriptionData? Prescription { get; init; }

    public PimsDeletionData? Deletion { get; init; }

    /// <summary>The record as received (JSON), for staff inspection of held and rejected records.</summary>
    public string? Raw { get; init; }

    /// <summary>Fields the API could not read (a date that is not a date): the record is rejected with these.</summary>
    public IReadOnlyList<FieldViolation>? DecodeErrors { get; init; }

    /// <summary>The PIMS patient this record belongs to, for the kinds that hang off a patient.</summary>
    public string? PatientId => Kind switch
    {
        PimsRecordKind.Appointment => Appointment?.PatientId,
        PimsRecordKind.ServiceReminder => ServiceReminder?.PatientId,
        PimsRecordKind.Vaccination => Vaccination?.PatientId,
        PimsRecordKind.Prescription => Prescription?.PatientId,
        PimsRecordKind.Deletion => Deletion?.PatientId,
        PimsRecordKind.Patient => Id,
        _ => null,
    };
}
