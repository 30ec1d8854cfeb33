using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Storage;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.PaymentWorld;

namespace VetActors.Grains.Tests.Payments;

/// <summary>
/// A movement that is not durable did not happen; one that is reaches the audit log exactly once, even when the log's
/// write fails or the silo stops in between.
/// </summary>
public sealed class PaymentDurabilityTests
{
    [Fact]
    public async Task Collect_LedgerWriteFails_NothingCollectedAndTheRetrySucceeds()
    {
        var storage = new FailingStorage { FailNextWriteOf = "/payments/account" };
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));

        await Assert.ThrowsAnyAsync<Exception>(() => world.Account.CollectAsync(Invoice("key-1", 5_000)));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => world.Account.GetPaymentAsync("PAY-000001"));
        var retried = await world.Account.CollectAsync(Invoice("key-1", 5_000));

        Assert.Equal("payments.payment_not_found", missing.Code);
        Assert.Equal("PAY-000001", retried.PaymentId);
        Assert.Equal(2, (await world.AssertConsistentAsync()).EntryCount);
        Assert.Single(await world.AuditAsync(), a => a.Action == "payments.collected");
    }

    [Fact]
    public async Task Collect_AuditWriteFails_TheRetryWithTheSameKeyAuditsItOnce()
    {
        var storage = new FailingStorage { FailNextWriteOf = "/audit/log" };
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));

        await Assert.ThrowsAnyAsync<Exception>(() => world.Account.CollectAsync(Invoice("key-1", 5_000)));
        var durable = await world.Account.GetPaymentAsync("PAY-000001");
        var retried = await world.Account.CollectAsync(Invoice("key-1", 5_000));

        Assert.Equal(durable.Receipt, retried);
        Assert.Single(await world.AuditAsync(), a => a.Action == "payments.collected");
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Activation_AuditEntryMissingFromTheLog_AppendsItOnce()
    {
        var storage = new FailingStorage { FailNextWriteOf = "/audit/log" };
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));
        await Assert.ThrowsAnyAsync<Exception>(() => world.Account.CollectAsync(Invoice("key-1", 5_000)));

        await world.Appointments.Cluster.KillAsync();
        await world.Appointments.Cluster.StartAsync();
        await world.Account.GetSettingsAsync();
        await world.Appointments.Cluster.RestartAsync();
        await world.Account.GetSettingsAsync();

        Assert.Single(await world.AuditAsync(), a => a.Action == "payments.collected");
    }

    [Fact]
    public async Task Activation_AuditEntryAlreadyInTheLog_IsNotWrittenAgain()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.CollectAsync(Invoice("key-1", 5_000));
        await world.Account.RequestRefundAsync(Refund("r-1", "PAY-000001", 100));

        // Killed before another save records that the refund's audit entry was written.
        await world.Appointments.Cluster.KillAsync();
        await world.Appointments.Cluster.StartAsync();
        await world.Account.GetSettingsAsync();

        var audit = await world.AuditAsync();
        Assert.Single(audit, a => a.Action == "payments.collected");
        Assert.Single(audit, a => a.Action == "payments.refunded");
    }
}
