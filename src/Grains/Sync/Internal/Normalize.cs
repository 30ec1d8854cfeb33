namespace VetActors.Grains.Sync.Internal;

/// <summary>The normal forms merges and searches compare: what a person would call "the same" email, phone or name.</summary>
internal static class Normalize
{
    /// <summary>Trimmed and lower-cased; <c>null</c> when empty.</summary>
    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>
    /// Digits only, the last 10 kept, so "+1 (555) 010-2030" and "555.010.2030" compare equal (North American
    /// numbers carry an optional country code 1); <c>null</c> with fewer than 7 digits.
    /// </summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }

        Span<char> digits = stackalloc char[phone.Length];
        var count = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
        }

        if (count < 7)
        {
            return null;
        }

        return count > 10 ? new string(digits[(count - 10)..count]) : new string(digits[..count]);
    }

    /// <summary>Letters and digits only, lower-cased ("O'Brien-Smith" -> "obriensmith").</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var chars = new List<char>(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars.Add(char.ToLowerInvariant(c));
            }
        }

        return new string([.. chars]);
    }

    /// <summary>The words of a name for search ("Mary-Ann O'Neil" -> "mary", "ann", "oneil").</summary>
    public static IEnumerable<string> NameWords(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield break;
        }

        foreach (var word in name.Split([' ', '-', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var normal = Name(word);
            if (normal.Length > 0)
            {
                yield return normal;
            }
        }
    }
}
