using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using VetActors.Protos.Pims.V1;

namespace VetActors.PimsAgent;

/// <summary>
/// Reads a PIMS export in JSON Lines (docs/pims-export.md): one record per line, flat fields, <c>kind</c>, <c>id</c>
/// and <c>version</c> (or <c>modified_at</c>) on every line. A line the agent cannot map still goes to the server,
/// with its raw text and no payload, so the server rejects it with a reason staff can see.
/// </summary>
internal static class ExportReader
{
    public static IEnumerable<Record> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, number);
            }
        }
    }

    public static Record Parse(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var record = new Record { Raw = line };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            record.Id = $"line-{lineNumber}";
            return record;
        }

        using (document)
        {
            var e = document.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                record.Id = $"line-{lineNumber}";
                return record;
            }

            record.Id = Str(e, "id") is { Length: > 0 } id ? id : $"line-{lineNumber}";
            record.Version = Version(e);
            switch (Str(e, "kind"))
            {
                case "client":
                    record.Client = new Client
                    {
                        FirstName = Str(e, "first_name"),
                        LastName = Str(e, "last_name"),
                        Email = Str(e, "email"),
                        Address = e.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.Object
                            ? new Address
                            {
                                Line1 = Str(a, "line1"), Line2 = Str(a, "line2"), City = Str(a, "city"), Region = Str(a, "region"), PostalCode = Str(a, "postal_code"),
                            }
                            : null,
                    };
                    if (e.TryGetProperty("phones", out var phones) && phones.ValueKind == JsonValueKind.Array)
                    {
                        record.Client.Phones.AddRange(phones.EnumerateArray().Select(p => p.ToString()));
                    }

                    break;
                case "patient":
                    record.Patient = new Patient
                    {
                        ClientId = Str(e, "client_id"),
                        Name = Str(e, "name"),
                        Species = Str(e, "species"),
                        Breed = Str(e, "breed"),
                        Sex = Str(e, "sex"),
                        BirthDate = Str(e, "birth_date"),
                        WeightUnit = Str(e, "weight_unit"),
                        WeightDate = Str(e, "weight_date"),
                        Colour = Str(e, "colour"),
                        Microchip = Str(e, "microchip"),
                        Deceased = e.TryGetProperty("deceased", out var d) && d.ValueKind == JsonValueKind.True,
                        DeceasedDate = Str(e, "deceased_date"),
                    };
                    if (e.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Number)
                    {
                        record.Patient.Weight = w.GetDouble();
                    }

                    break;
                case "appointment":
                    record.Appointment = new Appointment
                    {
                        PatientId = Str(e, "patient_id"),
                        Start = DateTimeOffset.TryParse(Str(e, "start"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                            ? Timestamp.FromDateTimeOffset(start)
                            : null,
                        DurationMinutes = e.TryGetProperty("duration_minutes", out var m) && m.TryGetInt32(out var minutes) ? minutes : 0,
                        Type = Str(e, "type"),
                        Status = Str(e, "status"),
                        Provider = Str(e, "provider"),
                    };
                    break;
                case "service_reminder":
                    record.ServiceReminder = new ServiceReminder
                    {
                        PatientId = Str(e, "patient_id"), Service = Str(e, "service"), DueDate = Str(e, "due_date"),
                        Completed = e.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True,
                    };
                    break;
                case "vaccination":
                    record.Vaccination = new Vaccination
                    {
                        PatientId = Str(e, "patient_id"), Vaccine = Str(e, "vaccine"), Given = Str(e, "given"), Expires = Str(e, "expires"),
                    };
                    break;
                case "prescription":
                    record.Prescription = new Prescription { PatientId = Str(e, "patient_id"), Drug = Str(e, "drug"), Status = Str(e, "status") };
                    break;
                case "deletion":
                    record.Deletion = new Deletion
                    {
                        TargetKind = KindOf(Str(e, "target_kind")), TargetId = Str(e, "target_id"), PatientId = Str(e, "patient_id"),
                    };
                    break;
            }
        }

        return record;
    }

    /// <summary>The export's kind names, as the proto enum.</summary>
    public static RecordKind KindOf(string kind) => kind switch
    {
        "client" => RecordKind.Client,
        "patient" => RecordKind.Patient,
        "appointment" => RecordKind.Appointment,
        "service_reminder" => RecordKind.ServiceReminder,
        "vaccination" => RecordKind.Vaccination,
        "prescription" => RecordKind.Prescription,
        "deletion" => RecordKind.Deletion,
        _ => RecordKind.Unspecified,
    };

    /// <summary><c>version</c> as given, or <c>modified_at</c> as milliseconds since 1970 (both only ever increase).</summary>
    private static long Version(JsonElement e)
    {
        if (e.TryGetProperty("version", out var v) && v.TryGetInt64(out var version))
        {
            return version;
        }

        return DateTimeOffset.TryParse(Str(e, "modified_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified)
            ? modified.ToUnixTimeMilliseconds()
            : 0;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p.ValueKind switch
        {
            JsonValueKind.String => p.GetString() ?? "",
            JsonValueKind.Number => p.GetRawText(),
            _ => "",
        } : "";
}
