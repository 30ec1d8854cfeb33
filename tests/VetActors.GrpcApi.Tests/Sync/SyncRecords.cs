using Google.Protobuf.WellKnownTypes;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>PIMS records as an agent sends them on the stream, each with its raw export line.</summary>
internal static class SyncRecords
{
    public static Record Client(
        string id, long version = 1, string first = "Ann", string last = "Lee", string email = "ann.lee@example.com", string phone = "5550102030",
        string line1 = "1 Main St") =>
        WithRaw(new Record
        {
            Id = id,
            Version = version,
            Client = new Protos.Pims.V1.Client
            {
                FirstName = first,
                LastName = last,
                Email = email,
                Phones = { phone },
                Address = new Address { Line1 = line1, Line2 = "Apt 2", City = "Springfield", Region = "IL", PostalCode = "62701" },
            },
        });

    public static Record Patient(
        string id, string clientId, long version = 1, string name = "Rex", double weight = 12.5, string weightDate = "2026-05-01", bool deceased = false,
        string deceasedDate = "") =>
        WithRaw(new Record
        {
            Id = id,
            Version = version,
            Patient = new Patient
            {
                ClientId = clientId,
                Name = name,
                Species = "canine",
                Breed = "Beagle",
                Sex = "MN",
                BirthDate = "2020-03-01",
                Weight = weight,
                WeightUnit = "kg",
                WeightDate = weightDate,
                Colour = "tan",
                Microchip = "985-" + id,
                Deceased = deceased,
                DeceasedDate = deceasedDate,
            },
        });

    public static Record Appointment(string id, string patientId, DateTimeOffset start, long version = 1, string status = "booked") =>
        WithRaw(new Record
        {
            Id = id,
            Version = version,
            Appointment = new Appointment
            {
                PatientId = patientId, Start = Timestamp.FromDateTimeOffset(start), DurationMinutes = 30, Type = "exam", Status = status, Provider = "Dr. Rivera",
            },
        });

    public static Record Reminder(string id, string patientId, string dueDate, long version = 1, bool completed = false) =>
        WithRaw(new Record
        {
            Id = id, Version = version, ServiceReminder = new ServiceReminder { PatientId = patientId, Service = "Rabies booster", DueDate = dueDate, Completed = completed },
        });

    public static Record Vaccination(string id, string patientId, string given, string expires, long version = 1) =>
        WithRaw(new Record { Id = id, Version = version, Vaccination = new Vaccination { PatientId = patientId, Vaccine = "Rabies", Given = given, Expires = expires } });

    public static Record Prescription(string id, string patientId, string status = "active", long version = 1) =>
        WithRaw(new Record { Id = id, Version = version, Prescription = new Prescription { PatientId = patientId, Drug = "Carprofen 75 mg", Status = status } });

    // The export line the agent read; the server keeps it for records it holds or rejects.
    private static Record WithRaw(Record record)
    {
        record.Raw = Google.Protobuf.JsonFormatter.Default.Format(record);
        return record;
    }
}
