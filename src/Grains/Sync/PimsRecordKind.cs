namespace VetActors.Grains.Sync;

/// <summary>The kinds of record a PIMS agent sends; <see cref="Unknown"/> is what a newer agent's kind reads as.</summary>
public enum PimsRecordKind
{
    Unknown = 0,
    Client = 1,
    Patient = 2,
    Appointment = 3,
    ServiceReminder = 4,
    Vaccination = 5,
    Prescription = 6,
    Deletion = 7,
}
