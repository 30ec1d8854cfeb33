namespace VetActors.Grains.Common;

/// <summary>The input is malformed (maps to INVALID_ARGUMENT with the field violations as details).</summary>
public sealed class ValidationException : DomainException
{
    public ValidationException(IReadOnlyList<FieldViolation> violations)
        : base("validation.failed", string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
    {
        Violations = violations;
    }

    public ValidationException(string field, string description) : this([new FieldViolation(field, description)])
    {
    }

    public IReadOnlyList<FieldViolation> Violations { get; }
}
