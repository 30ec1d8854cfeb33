using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Storage;
using VetActors.Grains.Audit;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Audit;

/// <summary>The log's entries live in pages beside it: reads cross pages, and an append the log never counted is never read.</summary>
public sealed class AuditLogPagingTests
{
    [Fact]
    public async Task Read_AcrossPages_ReturnsEveryEntryInOrder()
    {
        await using var world = await PaymentWorld.StartAsync();
        var log = AuditLog.For(world.Grains, "clinic-7");
        for (var i = 0; i < 600; i++)
        {
            await log.AppendAsync(new AuditRecord("internal-service", "test.event", i.ToString(CultureInfo.InvariantCulture)));
        }

        var middle = await log.ReadAsync(250, 10);
        var all = (await log.ReadAsync(0, 500)).Concat(await log.ReadAsync(500, 500)).ToArray();

        Assert.Equal(Enumerable.Range(251, 10).Select(n => (long)n), middle.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 600).Select(n => (long)n), all.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 600).Select(n => n.ToString(CultureInfo.InvariantCulture)), all.Select(e => e.Target));
    }

    [Fact]
    public async Task Append_CountWriteFails_TheEntryIsNeverReadAndTheNextTakesItsPlace()
    {
        var storage = new FailingStorage();
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));
        var log = AuditLog.For(world.Grains, "clinic-7");
        await log.AppendAsync(new AuditRecord("internal-service", "test.event", "first"));

        storage.FailNextWriteOf = "/audit/log";
        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync(new AuditRecord("internal-service", "test.event", "lost")));
        var afterFailure = await log.ReadAsync(0, 10);
        await log.AppendAsync(new AuditRecord("internal-service", "test.event", "second"));

        Assert.Equal(["first"], afterFailure.Select(e => e.Target));
        Assert.Equal([(1L, "first"), (2L, "second")], (await log.ReadAsync(0, 10)).Select(e => (e.Sequence, e.Target)));
    }
}
