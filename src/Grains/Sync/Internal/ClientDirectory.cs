namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The clinic's clients in memory: exact lookups for merges (normalized email; normalized phone + last name)
/// and an ordered set of distinct tokens, each with its clients, for prefix search over names, email, phone and PIMS id. Rebuilt from the stored
/// entries on activation; a search is a few ordered-set range scans, so it stays in the microseconds at
/// tens of thousands of clients.
/// </summary>
internal sealed class ClientDirectory
{
    private readonly Dictionary<string, ClientIndexEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byPhoneAndLastName = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _postings = new(StringComparer.Ordinal);

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

        foreach (var token in Tokens(entry))
        {
            if (!_postings.TryGetValue(token, out var ids))
            {
                _postings[token] = ids = new HashSet<string>(StringComparer.Ordinal);
                _tokens.Add(token);
            }

            ids.Add(entry.ClientId);
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

        foreach (var token in Tokens(old))
        {
            if (_postings.TryGetValue(token, out var ids) && ids.Remove(clientId) && ids.Count == 0)
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
    /// Clients matching every word of <paramref name="query"/> as a prefix of a name word, an email, a phone
    /// number (whole or its last 7 or 4 digits) or a PIMS id; ordered by last and first name.
    /// </summary>
    public List<ClientIndexEntry> Search(string query, int limit)
    {
        HashSet<string>? result = null;
        foreach (var word in query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var hits = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prefix in QueryPrefixes(word))
            {
                foreach (var token in _tokens.GetViewBetween(prefix, prefix + '\uffff'))
                {
                    hits.UnionWith(_postings[token]);
                }
            }

            if (result is null)
            {
                result = hits;
            }
            else
            {
                result.IntersectWith(hits);
            }

            if (result.Count == 0)
            {
                break;
            }
        }

        return result is null
            ? []
            : [.. result.Select(id => _entries[id])
                .OrderBy(e => e.LastName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(e => e.FirstName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(e => e.ClientId, StringComparer.Ordinal)
                .Take(limit)];
    }

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
