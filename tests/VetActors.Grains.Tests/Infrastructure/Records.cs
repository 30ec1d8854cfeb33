using VetActors.Grains.Clients;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>Builds PIMS records for tests.</summary>
public static class Records
{
    public static readonly PostalAddress Address = new("1 Main St", null, "Springfield", "IL", "62701");

    public static PimsRecord Client(string id, long version = 1, string first = "Ann", string last = "Lee", string? email = null, string[]? phones = null, PostalAddress? address = null) =>
        new(PimsRecordKind.Client, id, version)
        {
            Client = new PimsClientData(first, last, address ?? Address, phones ?? [], email),
            Raw = $"{{\"kind\":\"client\",\"id\":\"{id}\"}}",
        };

    public static PimsRecord Patient(
        string id, string clientId, long version = 1, string name = "Rex", decimal? weight = 12.5m, DateOnly? weighed = null,
        DateOnly? birth = null, bool deceased = false) =>
        new(PimsRecordKind.Patient, id, version)
        {
            Patient = new PimsPatientData(clientId, name, "canine", "Beagle", "MN", birth ?? new DateOnly(2020, 3, 1), weight, "kg",
                weighed ?? new DateOnly(2025, 12, 1), "tan", "985000000000001", deceased, null),
            Raw = $"{{\"kind\":\"patient\",\"id\":\"{id}\"}}",
        };

    public static PimsRecord Appointment(string id, string patientId, DateTimeOffset start, long version = 1, string status = "booked") =>
        new(PimsRecordKind.Appointment, id, version) { Appointment = new PimsAppointmentData(patientId, start, 30, "exam", status, "Dr. Vet") };

    public static PimsRecord Reminder(string id, string patientId, DateOnly due, bool completed = false, long version = 1) =>
        new(PimsRecordKind.ServiceReminder, id, version) { ServiceReminder = new PimsServiceReminderData(patientId, "Rabies booster", due, completed) };

    public static PimsRecord Vaccination(string id, string patientId, DateOnly given, long version = 1) =>
        new(PimsRecordKind.Vaccination, id, version) { Vaccination = new PimsVaccinationData(patientId, "Rabies", given, given.AddYears(1)) };

    public static PimsRecord Prescription(string id, string patientId, string status = "active", long version = 1) =>
        new(PimsRecordKind.Prescription, id, version) { Prescription = new PimsPrescriptionData(patientId, "Carprofen 75 mg", status) };

    public static PimsRecord Deletion(string id, PimsRecordKind kind, string targetId, long version, string? patientId = null) =>
        new(PimsRecordKind.Deletion, id, version) { Deletion = new PimsDeletionData(kind, targetId, patientId) };
}
