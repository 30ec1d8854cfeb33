using System.Net.Mail;
using VetActors.Grains.Common;

namespace VetActors.Grains.Identity.Internal;

/// <summary>Collects every invalid field of a request, then throws one <see cref="ValidationException"/> naming them all.</summary>
internal sealed class Checks
{
    private readonly List<FieldViolation> _violations = [];

    public Checks Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _violations.Add(new FieldViolation(field, "is required."));
        }
        else if (value.Length > maxLength)
        {
            _violations.Add(new FieldViolation(field, $"must be at most {maxLength} characters."));
        }

        return this;
    }

    public Checks Optional(string field, string? value, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength)
        {
            _violations.Add(new FieldViolation(field, $"must be at most {maxLength} characters."));
        }

        return this;
    }

    public Checks Email(string field, string? value)
    {
        if (!IsEmail(value))
        {
            _violations.Add(new FieldViolation(field, "must be an email address like name@example.com."));
        }

        return this;
    }

    public Checks Id(string field, string? value)
    {
        if (!GrainKeys.IsValidId(value))
        {
            _violations.Add(new FieldViolation(field, "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'."));
        }

        return this;
    }

    public Checks Password(string field, string? value, int minimumLength)
    {
        if (value is null || value.Length < minimumLength)
        {
            _violations.Add(new FieldViolation(field, $"must be at least {minimumLength} characters."));
        }
        else if (value.Length > 256)
        {
            _violations.Add(new FieldViolation(field, "must be at most 256 characters."));
        }
        else if (string.IsNullOrWhiteSpace(value) || value.Distinct().Count() < 4)
        {
            _violations.Add(new FieldViolation(field, "is too easy to guess: use at least 4 different characters."));
        }

        return this;
    }

    public Checks That(bool condition, string field, string description)
    {
        if (!condition)
        {
            _violations.Add(new FieldViolation(field, description));
        }

        return this;
    }

    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw new ValidationException(_violations);
        }
    }

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Trim() != value)
        {
            return false;
        }

        // MailAddress accepts display names and comments; an address alone must round-trip unchanged.
        return MailAddress.TryCreate(value, out var address) && address.Address == value && value.IndexOf('@', StringComparison.Ordinal) > 0 &&
            address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>E.164-ish phone numbers: an optional '+', then 7-15 digits, spaces, dashes and brackets allowed between.</summary>
    public static bool IsPhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && value.TrimStart('+').All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')');
    }

    public Checks Phone(string field, string? value, bool required = true)
    {
        if ((required || !string.IsNullOrEmpty(value)) && !IsPhone(value))
        {
            _violations.Add(new FieldViolation(field, "must be a phone number like +1 555 010 0199."));
        }

        return this;
    }
}
