using System.Globalization;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Sync;
using Proto = VetActors.Protos.Pims.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>Maps the PIMS sync protocol's messages to the sync grain's records and back.</summary>
internal static class PimsSyncMapping
{
    public static AgentHello ToHello(Proto.Hello hello, string agentId) =>
        new(agentId, hello.PimsKind, hello.PimsVersion, hello.LastAcknowledgedSequence, hello.FullImport, hello.TotalRecords > 0 ? hello.TotalRecords : null);

    public static Proto.Welcome ToWelcome(SessionStart start) => new()
    {
        SessionId = start.SessionId,
        LastAppliedSequence = start.LastAppliedSequence,
        ResyncRequested = start.ResyncRequested,
        MaxUnacknowledgedBatches = start.MaxUnacknowledgedBatches,
        MaxRecordsPerBatch = start.MaxRecordsPerBatch,
        HeartbeatIntervalSeconds = (int)start.HeartbeatInterval.TotalSeconds,
    };

    public static SyncBatch ToBatch(Proto.Batch batch) =>
        new(batch.Sequence, batch.Records.Select(ToRecord).ToArray(), batch.EndOfImport);

    public static Proto.Ack ToAck(BatchAck ack)
    {
        var result = new Proto.Ack { Sequence = ack.Sequence, Replayed = ack.Replayed };
        result.Applied.AddRange(ack.Applied.Select(ToOutcome));
        result.Held.AddRange(ack.Held.Select(ToOutcome));
        result.Rejected.AddRange(ack.Rejected.Select(ToOutcome));
        return result;
    }

    public static Proto.RecordKind ToKind(PimsRecordKind kind) => kind switch
    {
        PimsRecordKind.Client => Proto.RecordKind.Client,
        PimsRecordKind.Patient => Proto.RecordKind.Patient,
        PimsRecordKind.Appointment => Proto.RecordKind.Appointment,
        PimsRecordKind.ServiceReminder => Proto.RecordKind.ServiceReminder,
        PimsRecordKind.Vaccination => Proto.RecordKind.Vaccination,
        PimsRecordKind.Prescription => Proto.RecordKind.Prescription,
        PimsRecordKind.Deletion => Proto.RecordKind.Deletion,
        _ => Proto.RecordKind.Unspecified,
    };

    public static PimsRecordKind FromKind(Proto.RecordKind kind) => kind switch
    {
        Proto.RecordKind.Client => PimsRecordKind.Client,
        Proto.RecordKind.Patient => PimsRecordKind.Patient,
        Proto.RecordKind.Appointment => PimsRecordKind.Appointment,
        Proto.RecordKind.ServiceReminder => PimsRecordKind.ServiceReminder,
        Proto.RecordKind.Vaccination => PimsRecordKind.Vaccination,
        Proto.RecordKind.Prescription => PimsRecordKind.Prescription,
        Proto.RecordKind.Deletion => PimsRecordKind.Deletion,
        _ => PimsRecordKind.Unknown,
    };

    private static Proto.RecordOutcome ToOutcome(RecordOutcome outcome) =>
        new() { Kind = ToKind(outcome.Kind), RecordId = outcome.RecordId, Reason = outcome.Reason ?? "" };

    /// <summary>A record with no payload this server knows becomes <see cref="PimsRecordKind.Unknown"/>, rejected by the grain.</summary>
    private static PimsRecord ToRecord(Proto.Record r)
    {
        var problems = new List<FieldViolation>();
        var record = new PimsRecord(KindOf(r), r.Id, r.Version) { Raw = string.IsNullOrEmpty(r.Raw) ? r.ToString() : r.Raw };
        record = r.PayloadCase switch
        {
            Proto.Record.PayloadOneofCase.Client => record with
            {
                Client = new PimsClientData(r.Client.FirstName, r.Client.LastName, ToAddress(r.Client.Address), [.. r.Client.Phones], Empty(r.Client.Email)),
            },
            Proto.Record.PayloadOneofCase.Patient => record with
            {
                Patient = new PimsPatientData(
                    r.Patient.ClientId, r.Patient.Name, r.Patient.Species, Empty(r.Patient.Breed), Empty(r.Patient.Sex),
                    Date(r.Patient.BirthDate, "birth_date", problems), r.Patient.HasWeight ? (decimal)r.Patient.Weight : null, Empty(r.Patient.WeightUnit),
                    Date(r.Patient.WeightDate, "weight_date", problems), Empty(r.Patient.Colour), Empty(r.Patient.Microchip), r.Patient.Deceased,
                    Date(r.Patient.DeceasedDate, "deceased_date", problems)),
            },
            Proto.Record.PayloadOneofCase.Appointment => record with
            {
                Appointment = new PimsAppointmentData(
                    r.Appointment.PatientId, Instant(r.Appointment.Start, "start", problems), r.Appointment.DurationMinutes, r.Appointment.Type,
                    r.Appointment.Status, Empty(r.Appointment.Provider)),
            },
            Proto.Record.PayloadOneofCase.ServiceReminder => record with
            {
                ServiceReminder = new PimsServiceReminderData(
                    r.ServiceReminder.PatientId, r.ServiceReminder.Service, Required(r.ServiceReminder.DueDate, "due_date", problems), r.ServiceReminder.Completed),
            },
            Proto.Record.PayloadOneofCase.Vaccination => record with
            {
                Vaccination = new PimsVaccinationData(
                    r.Vaccination.PatientId, r.Vaccination.Vaccine, Required(r.Vaccination.Given, "given", problems), Date(r.Vaccination.Expires, "expires", problems)),
            },
            Proto.Record.PayloadOneofCase.Prescription => record with
            {
                Prescription = new PimsPrescriptionData(r.Prescription.PatientId, r.Prescription.Drug, r.Prescription.Status),
            },
            Proto.Record.PayloadOneofCase.Deletion => record with
            {
                Deletion = new PimsDeletionData(FromKind(r.Deletion.TargetKind), r.Deletion.TargetId, Empty(r.Deletion.PatientId)),
            },
            _ => record,
        };
        return problems.Count > 0 ? record with { DecodeErrors = problems } : record;
    }

    private static PimsRecordKind KindOf(Proto.Record r) => r.PayloadCase switch
    {
        Proto.Record.PayloadOneofCase.Client => PimsRecordKind.Client,
        Proto.Record.PayloadOneofCase.Patient => PimsRecordKind.Patient,
        Proto.Record.PayloadOneofCase.Appointment => PimsRecordKind.Appointment,
        Proto.Record.PayloadOneofCase.ServiceReminder => PimsRecordKind.ServiceReminder,
        Proto.Record.PayloadOneofCase.Vaccination => PimsRecordKind.Vaccination,
        Proto.Record.PayloadOneofCase.Prescription => PimsRecordKind.Prescription,
        Proto.Record.PayloadOneofCase.Deletion => PimsRecordKind.Deletion,
        _ => PimsRecordKind.Unknown,
    };

    private static PostalAddress? ToAddress(Proto.Address? a) =>
        a is null || (a.Line1.Length == 0 && a.City.Length == 0) ? null : new PostalAddress(a.Line1, Empty(a.Line2), a.City, a.Region, a.PostalCode);

    private static string? Empty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateOnly? Date(string value, string field, List<FieldViolation> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new FieldViolation(field, $"'{value}' is not a date (YYYY-MM-DD)."));
        return null;
    }

    private static DateOnly Required(string value, string field, List<FieldViolation> problems)
    {
        if (Date(value, field, problems) is { } date)
        {
            return date;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new FieldViolation(field, "is required."));
        }

        return default;
    }

    private static DateTimeOffset Instant(Google.Protobuf.WellKnownTypes.Timestamp? value, string field, List<FieldViolation> problems)
    {
        if (value is null)
        {
            problems.Add(new FieldViolation(field, "is required."));
            return default;
        }

        return value.ToDateTimeOffset();
    }
}
