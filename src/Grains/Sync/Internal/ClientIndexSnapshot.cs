using System.Collections.Immutable;
using VetActors.Grains.Common;

namespace VetActors.Grains.Sync.Internal;

/// <summary>
/// The clinic's client index as it stood after one complete change (a batch, a merge, an undo, an approved
/// change): never modified, so any number of searches read it at once, outside the sync grain's turns, while the
/// grain builds the next one. Its collections share every unchanged node with the snapshot before it, which is
/// what keeps publishing cheap at tens of thousands of clients.
/// </summary>
internal sealed class ClientIndexSnapshot(
    ImmutableDictionary<string, IndexedClient> clients,
    ImmutableDictionary<string, ImmutableSortedSet<string>> byEmail,
    ImmutableDictionary<string, ImmutableSortedSet<string>> byPhone,
    ImmutableSortedSet<string> tokens,
    ImmutableDictionary<string, ImmutableSortedSet<IndexedClient>> postings)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    public const int MaxQueryLength = 200;

    public static ClientIndexSnapshot Empty { get; } = new(
        ImmutableDictionary.Create<string, IndexedClient>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<IndexedClient>>(StringComparer.Ordinal));

    public int Count => clients.Count;

    public ClientIndexEntry? Get(string clientId) => clients.GetValueOrDefault(clientId)?.Entry;

    /// <summary>A staff search: the query checked, the limit defaulted (20) and capped (100).</summary>
    public ClientSearchResult Answer(string query, int limit)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
        {
            throw new ValidationException("query", $"must be 1-{MaxQueryLength} characters.");
        }

        return new ClientSearchResult(Search(query, Math.Clamp(limit <= 0 ? DefaultLimit : limit, 1, MaxLimit)));
    }

    /// <summary>
    /// Clients matching every word of <paramref name="query"/> as a prefix of a name word, an email, a phone
    /// number (whole or its last 7 or 4 digits) or a PIMS id; ordered by last and first name. Postings are kept
    /// in that order, so the answer walks the rarest word's postings in order and stops at <paramref name="limit"/>
    /// instead of sorting every hit.
    /// </summary>
    public ClientSearchHit[] Search(string query, int limit)
    {
        var words = new List<List<ImmutableSortedSet<IndexedClient>>>();
        foreach (var word in query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sets = new List<ImmutableSortedSet<IndexedClient>>();
            foreach (var prefix in QueryPrefixes(word))
            {
                AddPostings(prefix, sets);
            }

            if (sets.Count == 0)
            {
                return [];
            }

            words.Add(sets);
        }

        if (words.Count == 0)
        {
            return [];
        }

        var driver = words.MinBy(w => w.Sum(set => set.Count))!;
        var results = new List<ClientSearchHit>(Math.Min(limit, 32));
        using var merge = new PostingMerge(driver);
        IndexedClient? previous = null;
        while (results.Count < limit && merge.Next() is { } client)
        {
            if (previous is not null && previous.SortKey == client.SortKey)
            {
                continue;
            }

            previous = client;
            if (words.TrueForAll(w => ReferenceEquals(w, driver) || w.Exists(set => set.Contains(client))))
            {
                results.Add(client.Hit);
            }
        }

        return [.. results];
    }

    /// <summary>
    /// Clients whose email (when <paramref name="emailOrPhone"/> holds an '@') or one of whose phones equals
    /// <paramref name="emailOrPhone"/> once both are normalized; ordered by client id so answers are stable.
    /// </summary>
    public List<ClientIndexEntry> FindByContact(string emailOrPhone)
    {
        var ids = emailOrPhone.Contains('@', StringComparison.Ordinal)
            ? Normalize.Email(emailOrPhone) is { } email ? byEmail.GetValueOrDefault(email) : null
            : Normalize.Phone(emailOrPhone) is { } phone ? byPhone.GetValueOrDefault(phone) : null;
        return ids is null ? [] : [.. ids.Select(id => clients[id].Entry)];
    }

    /// <summary>The postings of every token starting with <paramref name="prefix"/>: one ordered-set range.</summary>
    private void AddPostings(string prefix, List<ImmutableSortedSet<IndexedClient>> sets)
    {
        var i = tokens.IndexOf(prefix);
        for (i = i < 0 ? ~i : i; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }

            sets.Add(postings[token]);
        }
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
}
