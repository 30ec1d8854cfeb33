namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The clinic's clients in memory: exact lookups for merges (normalized email; normalized phone + last name)
/// and an ordered set of distinct tokens, each with its clients, for prefix search over names, email, phone and PIMS id. Rebuilt from the stored
/// entries on activation; a search is a few ordered-set range scans, so it stays in the microseconds at
/// tens of thousands of clients.
/// </summary>
internal sealed class ClientDirectory
{
    private const char Separator = '\u0001';

    private readonly Dictionary<string, ClientIndexEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byPhoneAndLastName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byPhone = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _postings = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public ClientIndexEntry? Get(string clientId) => _entries.GetValueOrDefault(clientId);

    public void Upsert(ClientIndexEntry entry)
    {
        Remove(entry.ClientId);
        if (entry.Deleted)
        {
            return;
        }

        _entries[entry.ClientId] = entry;
        foreach (var key in MatchKeys(entry))
        {
            var map = key.Email ? _byEmail : _byPhoneAndLastName;
            if (!map.TryGetValue(key.Value, out var ids))
            {
                map[key.Value] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(entry.ClientId);
        }

        foreach (var phone in entry.Phones.Select(Normalize.Phone).OfType<string>().Distinct())
        {
            if (!_byPhone.TryGetValue(phone, out var ids))
            {
                _byPhone[phone] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(entry.ClientId);
        }

        var sortKey = SortKey(entry);
        foreach (var token in Tokens(entry))
        {
            if (!_postings.TryGetValue(token, out var keys))
            {
                _postings[token] = keys = new SortedSet<string>(StringComparer.Ordinal);
                _tokens.Add(token);
            }

            keys.Add(sortKey);
        }
    }

    public void Remove(string clientId)
    {
        if (!_entries.Remove(clientId, out var old))
        {
            return;
        }

        foreach (var key in MatchKeys(old))
        {
            var map = key.Email ? _byEmail : _byPhoneAndLastName;
            if (map.TryGetValue(key.Value, out var ids) && ids.Remove(clientId) && ids.Count == 0)
            {
                map.Remove(key.Value);
            }
        }

        foreach (var phone in old.Phones.Select(Normalize.Phone).OfType<string>().Distinct())
        {
            if (_byPhone.TryGetValue(phone, out var ids) && ids.Remove(clientId) && ids.Count == 0)
            {
                _byPhone.Remove(phone);
            }
        }

        var sortKey = SortKey(old);
        foreach (var token in Tokens(old))
        {
            if (_postings.TryGetValue(token, out var keys) && keys.Remove(sortKey) && keys.Count == 0)
            {
                _postings.Remove(token);
                _tokens.Remove(token);
            }
        }
    }

    /// <summary>Existing clients a PIMS client matches, with the keys each matched on.</summary>
    public Dictionary<string, List<string>> FindMatches(PimsClientData client)
    {
        var matches = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Normalize.Email(client.Email) is { } email && _byEmail.TryGetValue(email, out var byEmail))
        {
            foreach (var id in byEmail)
            {
                Add(matches, id, "email");
            }
        }

        var last = Normalize.Name(client.LastName);
        foreach (var phone in client.Phones)
        {
            if (last.Length > 0 && Normalize.Phone(phone) is { } digits && _byPhoneAndLastName.TryGetValue(digits + "|" + last, out var byPhone))
            {
                foreach (var id in byPhone)
                {
                    Add(matches, id, "phone+last_name");
                }
            }
        }

        return matches;
    }

    /// <summary>
    /// Clients whose email (when <paramref name="emailOrPhone"/> holds an '@') or one of whose phones equals
    /// <paramref name="emailOrPhone"/> once both are normalized; ordered by client id so answers are stable.
    /// </summary>
    public List<ClientIndexEntry> FindByContact(string emailOrPhone)
    {
        var ids = emailOrPhone.Contains('@', StringComparison.Ordinal)
            ? Normalize.Email(emailOrPhone) is { } email ? _byEmail.GetValueOrDefault(email) : null
            : Normalize.Phone(emailOrPhone) is { } phone ? _byPhone.GetValueOrDefault(phone) : null;
        return ids is null ? [] : [.. ids.Order(StringComparer.Ordinal).Select(id => _entries[id])];
    }

    /// <summary>
    /// Clients matching every word of <paramref name="query"/> as a prefix of a name word, an email, a phone
    /// number (whole or its last 7 or 4 digits) or a PIMS id; ordered by last and first name. Postings are kept
    /// in that order, so the answer walks the rarest word's postings in order and stops at <paramref name="limit"/>
    /// instead of sorting every hit.
    /// </summary>
    public List<ClientIndexEntry> Search(string query, int limit)
    {
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => QueryPrefixes(word)
                .SelectMany(prefix => _tokens.GetViewBetween(prefix, prefix + '\uffff'))
                .Distinct(StringComparer.Ordinal)
                .Select(token => _postings[token])
                .ToList())
            .ToList();
        if (words.Count == 0 || words.Any(w => w.Count == 0))
        {
            return [];
        }

        var driver = words.MinBy(w => w.Sum(set => set.Count))!;
        var results = new List<ClientIndexEntry>(limit);
        string? previous = null;
        foreach (var key in MergeInOrder(driver))
        {
            if (key == previous)
            {
                continue;
            }

            previous = key;
            if (words.All(w => ReferenceEquals(w, driver) || w.Any(set => set.Contains(key))))
            {
                results.Add(_entries[key[(key.LastIndexOf(Separator) + 1)..]]);
                if (results.Count == limit)
                {
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>The keys of several ordered sets in one ordered sequence (duplicates adjacent).</summary>
    private static IEnumerable<string> MergeInOrder(List<SortedSet<string>> sets)
    {
        if (sets.Count == 1)
        {
            foreach (var key in sets[0])
            {
                yield return key;
            }

            yield break;
        }

        var heads = new PriorityQueue<IEnumerator<string>, string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var enumerator = set.GetEnumerator();
            if (enumerator.MoveNext())
            {
                heads.Enqueue(enumerator, enumerator.Current);
            }
        }

        while (heads.TryDequeue(out var enumerator, out var key))
        {
            yield return key;
            if (enumerator.MoveNext())
            {
                heads.Enqueue(enumerator, enumerator.Current);
            }
        }
    }

    /// <summary>Orders postings by last name, first name, then id; the id follows the last separator.</summary>
    private static string SortKey(ClientIndexEntry entry) =>
        Normalize.Name(entry.LastName) + Separator + Normalize.Name(entry.FirstName) + Separator + entry.ClientId;

    private static IEnumerable<string> QueryPrefixes(string word)
    {
        var lower = word.ToLowerInvariant();
        yield return "i:" + lower;
        if (lower.Contains('@', StringComparison.Ordinal))
        {
            yield return "e:" + lower;
            yield break;
        }

        var name = Normalize.Name(lower);
        if (name.Length > 0)
        {
            yield return "n:" + name;
            yield return "e:" + lower;
        }

        var digits = new string([.. lower.Where(char.IsAsciiDigit)]);
        if (digits.Length >= 3)
        {
            yield return "p:" + digits;
        }
    }

    private static IEnumerable<string> Tokens(ClientIndexEntry entry)
    {
        foreach (var word in Normalize.NameWords(entry.FirstName).Concat(Normalize.NameWords(entry.LastName)).Distinct())
        {
            yield return "n:" + word;
        }

        if (Normalize.Email(entry.Email) is { } email)
        {
            yield return "e:" + email;
        }

        foreach (var phone in entry.Phones.Select(Normalize.Phone).OfType<string>().Distinct())
        {
            yield return "p:" + phone;
            yield return "p:" + phone[^7..];
            yield return "p:" + phone[^4..];
        }

        if (!string.IsNullOrEmpty(entry.PimsId))
        {
            yield return "i:" + entry.PimsId.ToLowerInvariant();
        }
    }

    private static IEnumerable<(bool Email, string Value)> MatchKeys(ClientIndexEntry entry)
    {
        if (Normalize.Email(entry.Email) is { } email)
        {
            yield return (true, email);
        }

        var last = Normalize.Name(entry.LastName);
        if (last.Length == 0)
        {
            yield break;
        }

        foreach (var phone in entry.Phones.Select(Normalize.Phone).OfType<string>().Distinct())
        {
            yield return (false, phone + "|" + last);
        }
    }

    private static void Add(Dictionary<string, List<string>> matches, string id, string key)
    {
        if (!matches.TryGetValue(id, out var keys))
        {
            matches[id] = keys = [];
        }

        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }
}
