using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Grains.Payments.Internal;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.PaymentWorld;

namespace VetActors.Grains.Tests.Payments;

public sealed class PaymentReportTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MonthlyStatement_CountsOnlyTheClinicsMonth_CollectionsRefundsFeesAndNet()
    {
        await using var world = await PaymentWorld.StartAsync(clockStart: March);
        await world.CreateClinicAsync("America/Chicago");
        var march = await world.Account.CollectAsync(Invoice("p1", 10_000));

        // 1 April, 03:00 UTC is still 31 March, 22:00 in Chicago.
        world.Appointments.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 3, 0, 0, TimeSpan.Zero));
        await world.Account.CollectAsync(Invoice("p2", 1_000));
        world.Appointments.Clock.Advance(TimeSpan.FromDays(2));
        var april = await world.Account.CollectAsync(Invoice("p3", 20_000));
        await world.Account.RequestRefundAsync(Refund("r1", march.PaymentId, 1_000));
        await world.Account.RequestRefundAsync(Refund("r2", april.PaymentId, 500));

        var inMarch = await world.Account.GetMonthlyStatementAsync(2026, 3);
        var inApril = await world.Account.GetMonthlyStatementAsync(2026, 4);

        var marchStarts = new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
        var aprilStarts = new DateTimeOffset(2026, 4, 1, 5, 0, 0, TimeSpan.Zero);
        Assert.Equal(new MonthlyStatement(2026, 3, "America/Chicago", marchStarts, aprilStarts, Usd(11_000), 2, Usd(0), 0, Usd(379), Usd(10_621)), inMarch);
        Assert.Equal(
            new MonthlyStatement(2026, 4, "America/Chicago", aprilStarts, new DateTimeOffset(2026, 5, 1, 5, 0, 0, TimeSpan.Zero), Usd(20_000), 1, Usd(1_500), 2, Usd(610), Usd(17_890)),
            inApril);
        await Assert.ThrowsAsync<ValidationException>(() => world.Account.GetMonthlyStatementAsync(2026, 13));
    }

    [Fact]
    public async Task Transactions_Filters_CombineAndPage()
    {
        await using var world = await PaymentWorld.StartAsync(clockStart: March);
        var first = await world.Account.CollectAsync(Invoice("p1", 10_000));
        world.Appointments.Clock.Advance(TimeSpan.FromDays(3));
        await world.Account.CollectAsync(Invoice("p2", 20_000));
        await world.Account.RequestRefundAsync(Refund("r1", first.PaymentId, 1_000));

        var refunds = await world.Account.ListTransactionsAsync(new TransactionFilter(Kind: LedgerEntryKind.Refund));
        var ofFirst = await world.Account.ListTransactionsAsync(new TransactionFilter(PaymentId: first.PaymentId));
        var inApril = await world.Account.ListTransactionsAsync(new TransactionFilter(From: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        var page = await world.Account.ListTransactionsAsync(new TransactionFilter(AfterSequence: 2, Limit: 2));

        Assert.Equal(Usd(1_000), Assert.Single(refunds).Amount);
        Assert.Equal(3, ofFirst.Length);
        Assert.Equal([3L, 4, 5], inApril.Select(e => e.Sequence).ToArray());
        Assert.Equal([3L, 4], page.Select(e => e.Sequence).ToArray());
        await Assert.ThrowsAsync<ValidationException>(() => world.Account.ListTransactionsAsync(new TransactionFilter(Limit: 0)));
    }

    [Fact]
    public void Check_TamperedLedger_ReportsEachInconsistency()
    {
        var state = new PaymentAccountState { EntryCount = 2, PaymentCount = 1 };
        var payment = new PaymentReceipt("PAY-000001", "k1", Usd(1_000), Usd(0), null, "INV-1", "x", null, null, "ref", "staff:a", March);
        LedgerEntry[] entries =
        [
            new(1, March, LedgerEntryKind.Collection, LedgerAccount.ClinicFunds, LedgerAccount.Collections, Usd(1_000), "staff:a", payment.PaymentId),
            new(2, March, LedgerEntryKind.Collection, LedgerAccount.ClinicFunds, LedgerAccount.Collections, Usd(1_000), "staff:a", payment.PaymentId),
        ];
        state.Balances[LedgerAccount.ClinicFunds] = 1_000;
        state.Balances[LedgerAccount.Collections] = -1_000;

        var check = LedgerBook.Check(state, entries, [new PaymentRecord(payment, [])], [], new Dictionary<string, PaymentKeyRecord> { ["k1"] = new(payment.PaymentId, March) });

        Assert.False(check.IsConsistent);
        Assert.Contains(check.Problems, p => p.StartsWith("ClinicFunds is kept at 1000, its entries sum to 2000", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.Contains("has 2 collection entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_EmptyLedger_IsConsistent()
    {
        var check = LedgerBook.Check(new PaymentAccountState(), [], [], [], new Dictionary<string, PaymentKeyRecord>());

        Assert.True(check.IsConsistent);
        Assert.All(check.Balances, b => Assert.Equal(0, b.Balance.MinorUnits));
    }
}
