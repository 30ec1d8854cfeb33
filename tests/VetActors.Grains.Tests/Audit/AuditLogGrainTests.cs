using VetActors.Actors.Testing;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Audit;

public sealed class AuditLogGrainTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await IdentityCluster.StartAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Append_NumbersEntriesInOrderWithTheClockTime_AndKeepsThemAcrossRestart()
    {
        var log = AuditLog.For(_cluster.GrainFactory, "clinic-1");
        await log.AppendAsync(new AuditRecord("staff:u1", "staff.added", "u2", null, "role=Staff"));
        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(1));
        await log.AppendAsync(new AuditRecord("staff:u1", "staff.updated", "u2", "role=Staff", "role=PracticeManager"));

        await _cluster.RestartAsync();
        var entries = await AuditLog.For(_cluster.GrainFactory, "clinic-1").ReadAsync(0, 10);

        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal(entries[0].At + TimeSpan.FromMinutes(1), entries[1].At);
        Assert.Equal(("role=Staff", "role=PracticeManager"), (entries[1].Before, entries[1].After));
    }

    [Fact]
    public async Task Read_PagesAfterASequenceNumber()
    {
        var log = AuditLog.For(_cluster.GrainFactory, "clinic-1");
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(new AuditRecord("internal-service", "test.event", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var page = await log.ReadAsync(2, 2);

        Assert.Equal([3L, 4L], page.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Logs_AreSeparatePerClinic()
    {
        await AuditLog.For(_cluster.GrainFactory, "clinic-1").AppendAsync(new AuditRecord("internal-service", "x", "y"));

        Assert.Empty(await AuditLog.For(_cluster.GrainFactory, "clinic-2").ReadAsync(0, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task Read_PageSizeOutOfRange_IsValidationError(int limit)
    {
        await Assert.ThrowsAsync<ValidationException>(() => AuditLog.For(_cluster.GrainFactory, "clinic-1").ReadAsync(0, limit));
    }
}
