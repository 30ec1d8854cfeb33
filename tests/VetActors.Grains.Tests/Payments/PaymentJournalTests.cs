using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Storage;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.PaymentWorld;

namespace VetActors.Grains.Tests.Payments;

/// <summary>
/// The ledger's entries, payments and refunds live in pages and records beside the account, whose own state keeps only
/// what the rules decide on and stays the same size however long the history grows.
/// </summary>
public sealed class PaymentJournalTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Collect_LedgerPageWriteFails_NothingCollectedAndTheRetrySucceeds()
    {
        var storage = new FailingStorage { FailNextWriteOf = "/payments/ledger-000001" };
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));

        await Assert.ThrowsAnyAsync<Exception>(() => world.Account.CollectAsync(Invoice("key-1", 5_000)));
        await Assert.ThrowsAsync<NotFoundException>(() => world.Account.GetPaymentAsync("PAY-000001"));
        Assert.Empty(await world.Account.ListTransactionsAsync(new TransactionFilter()));
        var retried = await world.Account.CollectAsync(Invoice("key-1", 5_000));

        Assert.Equal("PAY-000001", retried.PaymentId);
        Assert.Equal(2, (await world.AssertConsistentAsync()).EntryCount);
    }

    [Fact]
    public async Task Collect_AccountWriteFailsAfterItsEntries_TheUnacknowledgedEntriesAreNeverRead()
    {
        var storage = new FailingStorage();
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));
        await world.Account.CollectAsync(Invoice("key-1", 5_000));

        storage.FailNextWriteOf = "/payments/account";
        await Assert.ThrowsAnyAsync<Exception>(() => world.Account.CollectAsync(Invoice("key-2", 7_000, "INV-2")));
        var visible = await world.Account.ListTransactionsAsync(new TransactionFilter());
        var other = await world.Account.CollectAsync(Invoice("key-3", 9_000, "INV-3"));

        // key-2's record names PAY-000002, now key-3's payment: the retry is collected as new, not answered with it.
        var retried = await world.Account.CollectAsync(Invoice("key-2", 7_000, "INV-2"));

        Assert.Equal([1L, 2], visible.Select(e => e.Sequence).ToArray());
        Assert.Equal(("PAY-000002", "PAY-000003"), (other.PaymentId, retried.PaymentId));
        var entries = await world.Account.ListTransactionsAsync(new TransactionFilter(Kind: LedgerEntryKind.Collection));
        Assert.Equal([5_000L, 9_000, 7_000], entries.Select(e => e.Amount.MinorUnits).ToArray());
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_AccountWriteFailsAfterItsRecords_TheRetryListsTheRefundOnce()
    {
        var storage = new FailingStorage();
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage));
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        storage.FailNextWriteOf = "/payments/account";
        await Assert.ThrowsAnyAsync<Exception>(() => world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 1_000)));
        var retried = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 1_000));
        var view = await world.Account.GetPaymentAsync(payment.PaymentId);

        Assert.Equal("RF-000001", retried.RefundId);
        Assert.Equal((Usd(1_000), Usd(9_000)), (view.Refunded, view.Refundable));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Ledger_SpanningSeveralPages_ReadsAndChecksAcrossThem()
    {
        await using var world = await PaymentWorld.StartAsync();
        for (var i = 0; i < 150; i++)
        {
            await world.Account.CollectAsync(Invoice($"k{i}", 1_000 + i, $"INV-{i}"));
        }

        var page = await world.Account.ListTransactionsAsync(new TransactionFilter(AfterSequence: 250, Limit: 20));
        var check = await world.AssertConsistentAsync();

        Assert.Equal(Enumerable.Range(251, 20).Select(n => (long)n).ToArray(), page.Select(e => e.Sequence).ToArray());
        Assert.Equal(300, check.EntryCount);
        Assert.Equal(-Enumerable.Range(0, 150).Sum(i => 1_000L + i), check.Balances.Single(b => b.Account == LedgerAccount.Collections).Balance.MinorUnits);
    }

    [Fact]
    public async Task IdempotencyKey_WithinItsRetention_ReplaysAndAfterItCountsAsNew()
    {
        await using var world = await PaymentWorld.StartAsync(clockStart: Start);
        var first = await world.Account.CollectAsync(Invoice("key-1", 5_000));

        world.Appointments.Clock.Advance(TimeSpan.FromDays(29));
        var replayed = await world.Account.CollectAsync(Invoice("key-1", 5_000));
        world.Appointments.Clock.Advance(TimeSpan.FromDays(2));
        await world.Account.CollectAsync(Invoice("key-2", 1_000, "INV-2"));
        var again = await world.Account.CollectAsync(Invoice("key-1", 5_000));

        Assert.Equal(first, replayed);
        Assert.Equal("PAY-000003", again.PaymentId);
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_PastTheRefundWindow_RefusedAndThePaymentKeepsWhatWasRefunded()
    {
        await using var world = await PaymentWorld.StartAsync(clockStart: Start);
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));
        await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 1_000));

        world.Appointments.Clock.Advance(TimeSpan.FromDays(181));
        await world.Account.CollectAsync(Invoice("later", 2_000, "INV-2"));
        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 1_000)));
        var view = await world.Account.GetPaymentAsync(payment.PaymentId);

        Assert.Equal("payments.refund_window_closed", error.Code);
        Assert.Equal((Usd(1_000), Usd(0), Usd(0)), (view.Refunded, view.PendingRefunds, view.Refundable));
        Assert.Single(await world.Account.ListRefundsAsync(pendingOnly: false));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_PendingThenApproved_RecordsFollowTheDecision()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.SetSettingsAsync(PaymentSettings.Default with { DefaultRefundLimit = 1_000 }, "staff:admin");
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));
        var pending = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 4_000));
        var rejected = await world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 6_000));
        await world.Account.RejectRefundAsync(rejected.RefundId, Manager, "duplicate");
        await world.Account.ApproveRefundAsync(pending.RefundId, Manager);
        var rest = await world.Account.RequestRefundAsync(Refund("r3", payment.PaymentId, 6_000, Manager));
        await world.Account.ApproveRefundAsync(rest.RefundId, Clerk);

        var view = await world.Account.GetPaymentAsync(payment.PaymentId);
        var refunds = await world.Account.ListRefundsAsync(pendingOnly: false);

        Assert.Equal((Usd(10_000), Usd(0)), (view.Refunded, view.Refundable));
        Assert.Equal([RefundStatus.Completed, RefundStatus.Rejected, RefundStatus.Completed], refunds.Select(r => r.Status).ToArray());
        Assert.Empty(await world.Account.ListRefundsAsync(pendingOnly: true));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task AccountState_MonthsOfActivity_StaysTheSizeOfOneMonth()
    {
        var storage = new SizeRecordingStorage();
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<IGrainStorage>(storage), Start);
        var sizes = new List<int>();
        for (var month = 0; month < 4; month++)
        {
            for (var i = 0; i < 40; i++)
            {
                var paid = await world.Account.CollectAsync(Invoice($"c-{month}-{i}", 1_000, $"INV-{month}-{i}"));
                await world.Account.RequestRefundAsync(Refund($"r-{month}-{i}", paid.PaymentId, 1_000));
            }

            sizes.Add(storage.SizeOf("/payments/account"));
            world.Appointments.Clock.Advance(TimeSpan.FromDays(31));
        }

        // Keys, payments and refunds each have their own record: the account's document does not grow with them.
        Assert.InRange(sizes[^1], sizes[0] * 9 / 10, sizes[0] * 11 / 10);
        Assert.Equal(320, storage.CountOf("/payment-key/"));
        Assert.Equal(4, storage.CountOf("/payments/ledger-"));
        Assert.Equal(480, (await world.AssertConsistentAsync()).EntryCount);
    }
}
