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
    ImmutableSortedSet<IndexedClient> ordered,
    ImmutableDictionary<string, ImmutableSortedSet<string>> byEmail,
    ImmutableDictionary<string, ImmutableSortedSet<string>> byPhone,
    ImmutableSortedSet<string> tokens,
    ImmutableDictionary<string, ImmutableSortedSet<IndexedClient>> postings)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    public const int MaxQueryLength = 200;

    // A word matching more tokens than this (a short prefix: "gr" is every email starting with it) is not worth
    // walking token by token; such words are checked against each candidate's own tokens instead.
    private const int MaxDriverTokens = 64;

    public static ClientIndexSnapshot Empty { get; } = new(
        ImmutableDictionary.Create<string, IndexedClient>(StringComparer.Ordinal),
        ImmutableSortedSet.Create(IndexedClient.Order),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<IndexedClient>>(StringComparer.Ordinal));

    public int Count => clients.Count;

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
    /// in that order, so the answer walks in order the postings of the word matching the fewest clients (or, when
    /// every word is a short prefix matching many tokens, all clients in order), checks the other words against
    /// each candidate's own precomputed tokens, and stops at <paramref name="limit"/>: it never sorts the hits,
    /// and allocates for what it reads, not for the index.
    /// </summary>
    public ClientSearchHit[] Search(string query, int limit)
    {
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return [];
        }

        var prefixes = new string[words.Length][];
        var bits = new ulong[words.Length][];
        List<ImmutableSortedSet<IndexedClient>>? driver = null;
        var driverWord = -1;
        var driverSize = long.MaxValue;
        for (var i = 0; i < words.Length; i++)
        {
            prefixes[i] = QueryPrefixes(words[i]);
            bits[i] = [.. prefixes[i].Select(p => IndexedClient.MaskBit(p, p.Length > 3 ? 2 : 1))];
            var tokenCount = 0;
            foreach (var prefix in prefixes[i])
            {
                tokenCount += TokenRange(prefix).Count;
            }

            if (tokenCount == 0)
            {
                return [];
            }

            if (tokenCount > MaxDriverTokens)
            {
                continue;
            }

            var sets = Postings(prefixes[i], out var size);
            if (size < driverSize)
            {
                (driver, driverWord, driverSize) = (sets, i, size);
            }
        }

        var results = new List<ClientSearchHit>(Math.Min(limit, 32));
        if (driver is null)
        {
            foreach (var client in ordered)
            {
                if (results.Count == limit)
                {
                    break;
                }

                if (MatchesOtherWords(client, prefixes, bits, -1))
                {
                    results.Add(client.Hit);
                }
            }

            return [.. results];
        }

        using var merge = new PostingMerge(driver);
        IndexedClient? previous = null;
        while (results.Count < limit && merge.Next() is { } candidate)
        {
            if (ReferenceEquals(previous, candidate))
            {
                continue;
            }

            previous = candidate;
            if (MatchesOtherWords(candidate, prefixes, bits, driverWord))
            {
                results.Add(candidate.Hit);
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

    /// <summary>Where the tokens starting with <paramref name="prefix"/> lie in the ordered token set: two binary searches.</summary>
    private (int Start, int Count) TokenRange(string prefix)
    {
        var start = tokens.IndexOf(prefix);
        start = start < 0 ? ~start : start;
        var end = tokens.IndexOf(prefix + '\uffff');
        end = end < 0 ? ~end : end + 1;
        return (start, end - start);
    }

    /// <summary>The postings of every token starting with one of <paramref name="prefixes"/>, and how many clients they hold in all.</summary>
    private List<ImmutableSortedSet<IndexedClient>> Postings(string[] prefixes, out long size)
    {
        var sets = new List<ImmutableSortedSet<IndexedClient>>();
        size = 0;
        foreach (var prefix in prefixes)
        {
            var (start, count) = TokenRange(prefix);
            for (var i = start; i < start + count; i++)
            {
                var posting = postings[tokens[i]];
                sets.Add(posting);
                size += posting.Count;
            }
        }

        return sets;
    }

    /// <summary>A client is in a word's postings exactly when one of its own tokens starts with one of the word's prefixes.</summary>
    private static bool MatchesOtherWords(IndexedClient client, string[][] prefixes, ulong[][] bits, int driverWord)
    {
        for (var w = 0; w < prefixes.Length; w++)
        {
            if (w != driverWord && !HasTokenStartingWith(client, prefixes[w], bits[w]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether one of the client's tokens starts with one of <paramref name="prefixes"/>; <paramref name="bits"/> are
    /// the prefixes' <see cref="IndexedClient.MaskBit"/> (of the first character after the kind, or the first two
    /// when the prefix has them), which settle most candidates without a string comparison.
    /// </summary>
    private static bool HasTokenStartingWith(IndexedClient client, string[] prefixes, ulong[] bits)
    {
        for (var p = 0; p < prefixes.Length; p++)
        {
            if ((client.TokenMask & bits[p]) == 0)
            {
                continue;
            }

            foreach (var token in client.Tokens)
            {
                if (token.StartsWith(prefixes[p], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What one query word is looked up as, per token kind (see <see cref="IndexedClient.Tokens"/>).</summary>
    private static string[] QueryPrefixes(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Contains('@', StringComparison.Ordinal))
        {
            return ["i:" + lower, "e:" + lower];
        }

        var prefixes = new List<string>(4) { "i:" + lower };
        var name = Normalize.Name(lower);
        if (name.Length > 0)
        {
            prefixes.Add("n:" + name);
            prefixes.Add("e:" + lower);
        }

        var digits = new string([.. lower.Where(char.IsAsciiDigit)]);
        if (digits.Length >= 3)
        {
            prefixes.Add("p:" + digits);
        }

        return [.. prefixes];
    }
}
