using VetActors.Grains.Sync;
using VetActors.Grains.Sync.Internal;

namespace VetActors.Grains.Tests.Sync;

public sealed class ClientDirectoryTests
{
    private static ClientIndexEntry Entry(string id, string first, string last, string? email = null, string? pimsId = null, params string[] phones) =>
        new(id, first, last, email, phones, pimsId);

    [Fact]
    public void Publish_ChangesMadeSince_InvisibleInTheSnapshotBeforeIt()
    {
        var directory = new ClientDirectory();
        directory.Upsert(Entry("c1", "Ann", "Lee"));
        var before = directory.Publish();

        directory.Upsert(Entry("c2", "Bob", "Leeds"));
        directory.Upsert(Entry("c1", "Ann", "Smith"));
        directory.Remove("c3");

        Assert.Equal(["c1"], before.Search("lee", 20).Select(h => h.ClientId));
        Assert.Same(before, directory.Published);
        var after = directory.Publish();
        Assert.Equal(["c2"], after.Search("lee", 20).Select(h => h.ClientId));
        Assert.Equal(["c1"], after.Search("smith", 20).Select(h => h.ClientId));
        Assert.Equal(["c1"], before.Search("lee", 20).Select(h => h.ClientId));
        Assert.Empty(before.Search("smith", 20));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("an")]
    [InlineData("ann")]
    [InlineData("l")]
    [InlineData("lee")]
    [InlineData("ann l")]
    [InlineData("l ann")]
    [InlineData("gr sm")]
    [InlineData("o'b")]
    [InlineData("mary-ann")]
    [InlineData("555")]
    [InlineData("0042")]
    [InlineData("12")]
    [InlineData("ann.lee")]
    [InlineData("@example")]
    [InlineData("grace@")]
    [InlineData("px-1")]
    [InlineData("px-1 smith")]
    [InlineData("e")]
    [InlineData("zzz")]
    public void Search_ThousandClients_AnswersWhatTheRulesSayInNameOrder(string query)
    {
        var (directory, entries) = Clinic(1000);
        var snapshot = directory.Publish();

        foreach (var limit in new[] { 1, 20, 100 })
        {
            Assert.Equal(Expected(entries, query, limit), snapshot.Search(query, limit).Select(h => h.ClientId));
        }
    }

    [Fact]
    public void Publish_NothingChanged_SameSnapshot()
    {
        var directory = new ClientDirectory();
        directory.Upsert(Entry("c1", "Ann", "Lee"));
        var first = directory.Publish();

        Assert.Same(first, directory.Publish());
    }

    [Fact]
    public void Search_ManyWordsAndKinds_EveryWordMustMatchInNameOrder()
    {
        var directory = new ClientDirectory();
        directory.Upsert(Entry("c1", "Mary-Ann", "O'Neil", "mary@example.com", "PX-9", "+1 (555) 010-2030"));
        directory.Upsert(Entry("c2", "Ann", "Neilson", null, null, "555 777 2030"));
        directory.Upsert(Entry("c3", "Ann", "Adams", "ann@neil.org"));
        var snapshot = directory.Publish();

        Assert.Equal(["c3", "c2", "c1"], snapshot.Search("ann", 20).Select(h => h.ClientId));
        Assert.Equal(["c2", "c1"], snapshot.Search("ann 2030", 20).Select(h => h.ClientId));
        Assert.Equal(["c1"], snapshot.Search("oneil mary", 20).Select(h => h.ClientId));
        Assert.Equal(["c1"], snapshot.Search("px-9", 20).Select(h => h.ClientId));
        Assert.Equal(["c3"], snapshot.Search("ann@neil", 20).Select(h => h.ClientId));
        Assert.Equal(["c3", "c2"], snapshot.Search("ann", 2).Select(h => h.ClientId));
    }

    [Fact]
    public void Remove_LastClientOfAToken_TokenNoLongerMatches()
    {
        var directory = new ClientDirectory();
        directory.Upsert(Entry("c1", "Ann", "Lee", "ann@example.com", null, "5550102030"));
        directory.Publish();

        directory.Upsert(Entry("c1", "Ann", "Lee", null, null, "5550102030") with { Deleted = true });
        var snapshot = directory.Publish();

        Assert.Empty(snapshot.Search("lee", 20));
        Assert.Empty(snapshot.FindByContact("ann@example.com"));
        Assert.Empty(snapshot.FindByContact("555-010-2030"));
        Assert.Equal(0, snapshot.Count);
    }

    [Fact]
    public void FindMatches_BeforePublish_SeesTheChangesSoFar()
    {
        var directory = new ClientDirectory();
        directory.Upsert(Entry("c1", "Ann", "Lee", "ann@example.com", null, "5550102030"));

        var matches = directory.FindMatches(new PimsClientData("Ann", "LEE", null, ["+1 555 010 2030"], "Ann@Example.com"));

        Assert.Equal(["email", "phone+last_name"], matches["c1"]);
        Assert.Equal(0, directory.Published.Count);
    }

    /// <summary>A clinic varied enough that short prefixes match hundreds of tokens and long ones a few.</summary>
    private static (ClientDirectory Directory, List<ClientIndexEntry> Entries) Clinic(int count)
    {
        string[] first = ["Ann", "Mary-Ann", "Grace", "Lee", "Bob", "Elena", "Anna", "Ed"];
        string[] last = ["Lee", "Smith", "O'Brien", "Leeds", "Grant", "Smithers", "Ellis"];
        var random = new Random(42);
        var directory = new ClientDirectory();
        var entries = new List<ClientIndexEntry>();
        for (var i = 0; i < count; i++)
        {
            var f = first[random.Next(first.Length)];
            var l = last[random.Next(last.Length)];
            var email = random.Next(4) == 0 ? null : $"{f}.{l}.{i}@example.com".Replace("'", "", StringComparison.Ordinal).ToLowerInvariant();
            var phones = random.Next(3) == 0 ? [] : new[] { $"555-{random.Next(1000):D3}-{i:D4}" };
            var entry = new ClientIndexEntry($"c{i:D4}", f, l, email, phones, random.Next(2) == 0 ? $"PX-{i}" : null);
            directory.Upsert(entry);
            entries.Add(entry);
        }

        return (directory, entries);
    }

    /// <summary>The search rules, stated plainly: every word a prefix of a name word, the email, a phone (whole, last 7 or 4 digits) or the PIMS id.</summary>
    private static IEnumerable<string> Expected(List<ClientIndexEntry> entries, string query, int limit)
    {
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        return entries
            .Where(e => words.TrueForAll(w => Matches(e, w)))
            .OrderBy(e => Normalize.Name(e.LastName), StringComparer.Ordinal)
            .ThenBy(e => Normalize.Name(e.FirstName), StringComparer.Ordinal)
            .ThenBy(e => e.ClientId, StringComparer.Ordinal)
            .Take(limit)
            .Select(e => e.ClientId);
    }

    private static bool Matches(ClientIndexEntry e, string word)
    {
        if (e.PimsId is { } pims && pims.ToLowerInvariant().StartsWith(word, StringComparison.Ordinal))
        {
            return true;
        }

        var email = e.Email?.ToLowerInvariant();
        if (word.Contains('@', StringComparison.Ordinal))
        {
            return email is not null && email.StartsWith(word, StringComparison.Ordinal);
        }

        var name = Normalize.Name(word);
        if (name.Length > 0 && (Normalize.NameWords(e.FirstName).Concat(Normalize.NameWords(e.LastName)).Any(n => n.StartsWith(name, StringComparison.Ordinal))
            || (email is not null && email.StartsWith(word, StringComparison.Ordinal))))
        {
            return true;
        }

        var digits = new string([.. word.Where(char.IsAsciiDigit)]);
        return digits.Length >= 3 && e.Phones.Select(Normalize.Phone).OfType<string>()
            .Any(p => p.StartsWith(digits, StringComparison.Ordinal) || p[^7..].StartsWith(digits, StringComparison.Ordinal) || p[^4..].StartsWith(digits, StringComparison.Ordinal));
    }
}
