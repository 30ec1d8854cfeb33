using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class BadInputTests : IAsyncLifetime
{
    private readonly SyncCluster _c = new();

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    public static TheoryData<string, string> BadRecords => new()
    {
        { "malformed-email", "email" },
        { "future-birth", "birth_date" },
        { "negative-weight", "weight" },
        { "unknown-kind", "unknown record kind" },
        { "oversized", "limit is" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task ApplyBatch_BadRecord_RejectedWithReasonRestApplied(string bad, string reasonPart)
    {
        var record = bad switch
        {
            "malformed-email" => Client("bad", email: "ann(at)example"),
            "future-birth" => Patient("bad", "c1", birth: new DateOnly(2030, 1, 1)),
            "negative-weight" => Patient("bad", "c1", weight: -3m),
            "unknown-kind" => new PimsRecord(PimsRecordKind.Unknown, "bad", 1) { Raw = "{\"kind\":\"invoice\"}" },
            _ => Client("bad") with { Raw = new string('x', 20_000) },
        };

        var ack = await _c.ImportAsync(Client("c1"), record, Patient("p1", "c1"));

        var rejected = Assert.Single(ack.Rejected);
        Assert.Equal("bad", rejected.RecordId);
        Assert.Contains(reasonPart, rejected.Reason);
        Assert.Equal(["c1", "p1"], ack.Applied.Select(a => a.RecordId));
        var kept = Assert.Single(await _c.Sync.GetRejectedAsync());
        Assert.Equal(record.Raw, kept.Raw);
    }

    [Fact]
    public async Task ApplyBatch_MoreRecordsThanTheLimit_ExcessRejectedRestApplied()
    {
        var records = Enumerable.Range(0, 2001).Select(i => Client("c" + i)).ToArray();

        var ack = await _c.ImportAsync(records);

        Assert.Equal(2000, ack.Applied.Count);
        Assert.Equal("c2000", Assert.Single(ack.Rejected).RecordId);
        Assert.Contains("another batch", ack.Rejected[0].Reason);
    }
}
