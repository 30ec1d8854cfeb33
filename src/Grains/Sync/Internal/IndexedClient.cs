namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// A client as the index holds it: the entry, the search hit handed out as it is, and every normalized key
/// computed once when the client changes, so neither a search nor a later removal computes them again.
/// </summary>
internal sealed class IndexedClient
{
    private const char Separator = '\u0001';

    public IndexedClient(ClientIndexEntry entry)
    {
        Entry = entry;
        Hit = new ClientSearchHit(entry.ClientId, entry.FirstName, entry.LastName, entry.Email, entry.Phones, entry.PimsId);
        SortKey = Normalize.Name(entry.LastName) + Separator + Normalize.Name(entry.FirstName) + Separator + entry.ClientId;
        Email = Normalize.Email(entry.Email);
        LastName = Normalize.Name(entry.LastName);
        Phones = [.. entry.Phones.Select(Normalize.Phone).OfType<string>().Distinct(StringComparer.Ordinal)];
        Tokens = [.. SearchTokens().Distinct(StringComparer.Ordinal)];
        foreach (var token in Tokens)
        {
            TokenMask |= MaskBit(token, 1) | MaskBit(token, 2);
        }
    }

    /// <summary>Orders clients by last name, first name, then id: the order search answers in.</summary>
    public static IComparer<IndexedClient> Order { get; } = Comparer<IndexedClient>.Create((a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));

    public ClientIndexEntry Entry { get; }

    public ClientSearchHit Hit { get; }

    public string SortKey { get; }

    public string? Email { get; }

    public string LastName { get; }

    public string[] Phones { get; }

    /// <summary>What search matches query words against, each with its kind: <c>n:</c> name word, <c>e:</c> email, <c>p:</c> phone digits, <c>i:</c> PIMS id.</summary>
    public string[] Tokens { get; }

    /// <summary>
    /// One bit per (kind, first character) and per (kind, first two characters) of the tokens: a query word whose
    /// bit is missing cannot match, which rules out most candidates without comparing a string.
    /// </summary>
    public ulong TokenMask { get; }

    /// <summary>The bit of a token or query prefix for its kind and first <paramref name="characters"/> (1 or 2) after the kind.</summary>
    public static ulong MaskBit(string token, int characters)
    {
        var hash = (uint)token[0] * 31 + characters;
        for (var i = 2; i < 2 + characters; i++)
        {
            hash = hash * 31 + (i < token.Length ? token[i] : 0u);
        }

        return 1UL << (int)(hash % 64);
    }

    /// <summary>The keys merges match on: the email, and each phone with the last name.</summary>
    public IEnumerable<(bool Email, string Value)> MatchKeys()
    {
        if (Email is { } email)
        {
            yield return (true, email);
        }

        if (LastName.Length == 0)
        {
            yield break;
        }

        foreach (var phone in Phones)
        {
            yield return (false, phone + "|" + LastName);
        }
    }

    private IEnumerable<string> SearchTokens()
    {
        foreach (var word in Normalize.NameWords(Entry.FirstName).Concat(Normalize.NameWords(Entry.LastName)))
        {
            yield return "n:" + word;
        }

        if (Email is { } email)
        {
            yield return "e:" + email;
        }

        // Staff type a number whole, or the last 7 or 4 digits they read off a caller id.
        foreach (var phone in Phones)
        {
            yield return "p:" + phone;
            yield return "p:" + phone[^7..];
            yield return "p:" + phone[^4..];
        }

        if (!string.IsNullOrEmpty(Entry.PimsId))
        {
            yield return "i:" + Entry.PimsId.ToLowerInvariant();
        }
    }
}
