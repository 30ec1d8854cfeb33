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
}
