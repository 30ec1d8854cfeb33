using System.Text.RegularExpressions;
using VetActors.Grains.Common;

namespace VetActors.Grains.Sync.Internal;

/// <summary>Checks records before anything applies them; a record that fails is rejected with every reason at once.</summary>
internal static partial class RecordValidator
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    public static List<FieldViolation> ValidateClient(string? firstName, string? lastName, string? email, IReadOnlyList<string>? phones)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(lastName) && string.IsNullOrWhiteSpace(firstName))
        {
            violations.Add(new FieldViolation("name", "a client needs a first or last name."));
        }

        if (!string.IsNullOrWhiteSpace(email) && !EmailPattern().IsMatch(email.Trim()))
        {
            violations.Add(new FieldViolation("email", $"'{email}' is not an email address."));
        }

        foreach (var phone in phones ?? [])
        {
            if (Normalize.Phone(phone) is null)
            {
                violations.Add(new FieldViolation("phones", $"'{phone}' is not a phone number (7 or more digits)."));
            }
        }

        return violations;
    }

    /// <summary>The reasons <paramref name="record"/> cannot be applied, empty when it can.</summary>
    public static List<FieldViolation> Validate(PimsRecord record, DateTimeOffset now, int maxRecordBytes)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(record.Id) || record.Id.Length > 128)
        {
            violations.Add(new FieldViolation("id", "must be 1-128 characters."));
        }

        if (record.Raw is { } raw && raw.Length > maxRecordBytes)
        {
            violations.Add(new FieldViolation("record", $"is {raw.Length} bytes; the limit is {maxRecordBytes}."));
        }

        foreach (var problem in record.DecodeErrors ?? [])
        {
            violations.Add(problem);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        switch (record.Kind)
        {
            case PimsRecordKind.Client when record.Client is { } c:
                violations.AddRange(ValidateClient(c.FirstName, c.LastName, c.Email, c.Phones));
                break;
            case PimsRecordKind.Patient when record.Patient is { } p:
                Require(violations, p.ClientId, "client_id");
                Require(violations, p.Name, "name");
                Require(violations, p.Species, "species");
                if (p.BirthDate > today)
                {
                    violations.Add(new FieldViolation("birth_date", $"{p.BirthDate:yyyy-MM-dd} is in the future."));
                }

                if (p.Weight is < 0 or > 10_000)
                {
                    violations.Add(new FieldViolation("weight", $"{p.Weight} is not a weight."));
                }

                break;
            case PimsRecordKind.Appointment when record.Appointment is { } a:
                Require(violations, a.PatientId, "patient_id");
                if (a.DurationMinutes is < 0 or > 24 * 60)
                {
                    violations.Add(new FieldViolation("duration_minutes", "must be 0-1440."));
                }

                break;
            case PimsRecordKind.ServiceReminder when record.ServiceReminder is { } s:
                Require(violations, s.PatientId, "patient_id");
                Require(violations, s.Service, "service");
                break;
            case PimsRecordKind.Vaccination when record.Vaccination is { } v:
                Require(violations, v.PatientId, "patient_id");
                Require(violations, v.Vaccine, "vaccine");
                if (v.Given > today)
                {
                    violations.Add(new FieldViolation("given", $"{v.Given:yyyy-MM-dd} is in the future."));
                }

                break;
            case PimsRecordKind.Prescription when record.Prescription is { } rx:
                Require(violations, rx.PatientId, "patient_id");
                Require(violations, rx.Drug, "drug");
                break;
            case PimsRecordKind.Deletion when record.Deletion is { } d:
                Require(violations, d.TargetId, "target_id");
                if (d.TargetKind is PimsRecordKind.Unknown or PimsRecordKind.Deletion)
                {
                    violations.Add(new FieldViolation("target_kind", $"{d.TargetKind} records cannot be deleted."));
                }
                else if (d.TargetKind is not (PimsRecordKind.Client or PimsRecordKind.Patient))
                {
                    Require(violations, d.PatientId, "patient_id");
                }

                break;
            case PimsRecordKind.Unknown:
                violations.Add(new FieldViolation("kind", "unknown record kind."));
                break;
            default:
                violations.Add(new FieldViolation(record.Kind.ToString().ToLowerInvariant(), "the record has no data for its kind."));
                break;
        }

        return violations;
    }

    private static void Require(List<FieldViolation> violations, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new FieldViolation(field, "is required."));
        }
    }
}
