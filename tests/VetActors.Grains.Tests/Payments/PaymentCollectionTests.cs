using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Appointments;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.PaymentWorld;

namespace VetActors.Grains.Tests.Payments;

public sealed class PaymentCollectionTests
{
    [Fact]
    public async Task Collect_ForAppointment_PostsCollectionAndFeeAndAudits()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Appointments.BookAsync("VA-PAY001");

        var receipt = await world.Account.CollectAsync(
            new CollectPayment("key-1", Usd(10_000), "VA-PAY001", null, null, "tok_visa_abc", "4242", AuditActors.Staff(Clerk)));

        Assert.Equal(("PAY-000001", "client-7", Usd(320)), (receipt.PaymentId, receipt.ClientId, receipt.Fee));
        Assert.StartsWith("local_cap_", receipt.ProcessorReference, StringComparison.Ordinal);
        var entries = await world.Account.ListTransactionsAsync(new TransactionFilter());
        Assert.Equal([LedgerEntryKind.Collection, LedgerEntryKind.ProcessorFee], entries.Select(e => e.Kind).ToArray());
        var check = await world.AssertConsistentAsync();
        Assert.Equal(Usd(9_680), check.Balances.Single(b => b.Account == LedgerAccount.ClinicFunds).Balance);
        var audit = Assert.Single(await world.AuditAsync(), a => a.Action == "payments.collected");
        Assert.Equal(("staff:clerk", "payment/PAY-000001"), (audit.Actor, audit.Target));
    }

    [Fact]
    public async Task Collect_SameKeyTwice_CollectsOnceAndReturnsTheSameReceipt()
    {
        await using var world = await PaymentWorld.StartAsync();

        var first = await world.Account.CollectAsync(Invoice("key-1", 5_000));
        world.Appointments.Clock.Advance(TimeSpan.FromMinutes(5));
        var retries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => world.Account.CollectAsync(Invoice("key-1", 5_000))));

        Assert.All(retries, r => Assert.Equal(first, r));
        Assert.Equal(2, (await world.Account.CheckAsync()).EntryCount);
        Assert.Single(await world.AuditAsync(), a => a.Action == "payments.collected");
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Collect_SameKeyDifferentPayload_RefusedNamingTheFieldsAndChangesNothing()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.CollectAsync(Invoice("key-1", 5_000));

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => world.Account.CollectAsync(Invoice("key-1", 6_000, "INV-2")));

        Assert.Equal("payments.idempotency_key_reused", error.Code);
        Assert.Contains("payment PAY-000001 with a different amount, invoice_id", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await world.Account.CheckAsync()).EntryCount);
    }

    [Fact]
    public async Task Collect_KeyOfARefund_Refused()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("key-1", 5_000));
        await world.Account.RequestRefundAsync(Refund("key-2", payment.PaymentId, 100));

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => world.Account.CollectAsync(Invoice("key-2", 5_000)));

        Assert.Contains("refund RF-000001", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, CollectPayment> BadCollections() => new()
    {
        { "amount", Invoice("k", 0) },
        { "amount", Invoice("k", 100) with { Amount = new Money(100, "EUR") } },
        { "appointment_reference", Invoice("k", 100) with { AppointmentReference = "VA-1" } },
        { "appointment_reference", Invoice("k", 100) with { InvoiceId = null } },
        { "invoice_id", Invoice("k", 100, "INV/../1") },
        { "description", Invoice("k", 100) with { Description = " " } },
        { "card_token", Invoice("k", 100) with { CardToken = "4242 4242 4242 4242" } },
        { "card_token", Invoice("k", 100) with { CardToken = "" } },
        { "card_last4", Invoice("k", 100) with { CardLast4 = "42x2" } },
        { "idempotency_key", Invoice("", 100) },
    };

    [Theory]
    [MemberData(nameof(BadCollections))]
    public async Task Collect_BadInput_NamesTheFieldAndChangesNothing(string field, CollectPayment payment)
    {
        await using var world = await PaymentWorld.StartAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => world.Account.CollectAsync(payment));

        Assert.Contains(error.Violations, v => v.Field == field);
        Assert.Equal(0, (await world.Account.CheckAsync()).EntryCount);
        Assert.Empty(await world.AuditAsync());
    }

    [Fact]
    public async Task Collect_UnknownOrCancelledAppointment_Refused()
    {
        await using var world = await PaymentWorld.StartAsync();
        var cancelled = await world.Appointments.BookAsync("VA-CANCEL");
        await cancelled.CancelAsync("client asked");

        await Assert.ThrowsAsync<NotFoundException>(() => world.Account.CollectAsync(Invoice("k1", 100) with { InvoiceId = null, AppointmentReference = "VA-NOPE" }));
        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.CollectAsync(Invoice("k2", 100) with { InvoiceId = null, AppointmentReference = "VA-CANCEL" }));

        Assert.Equal("payments.appointment_cancelled", error.Code);
        Assert.Equal(0, (await world.Account.CheckAsync()).EntryCount);
    }

    [Fact]
    public async Task Collect_CardDeclined_RecordsNothingAndTheKeyStaysFree()
    {
        var processor = new DecliningProcessor();
        await using var world = await PaymentWorld.StartAsync(services => services.AddSingleton<ICardProcessor>(processor));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.CollectAsync(Invoice("key-1", 5_000)));
        processor.Decline = false;
        var receipt = await world.Account.CollectAsync(Invoice("key-1", 5_000));

        Assert.Equal("payments.card_declined", error.Code);
        Assert.Equal("PAY-000001", receipt.PaymentId);
        await world.AssertConsistentAsync();
    }

    [Fact]
    public void Money_DifferentCurrencies_NeverCombine()
    {
        Assert.Equal(Usd(150), Usd(100).Plus(Usd(50)));
        Assert.Throws<InvalidOperationException>(() => Usd(100).Plus(new Money(50, "EUR")));
        Assert.Throws<OverflowException>(() => Usd(long.MaxValue).Plus(Usd(1)));
    }

    private sealed class DecliningProcessor : ICardProcessor
    {
        public bool Decline { get; set; } = true;

        public Task<CardCaptureResult> CaptureAsync(CardCapture capture, CancellationToken cancellationToken) =>
            Task.FromResult(Decline
                ? new CardCaptureResult(false, "", Money.Zero(capture.Amount.Currency), "insufficient funds")
                : new CardCaptureResult(true, "cap-" + capture.IdempotencyKey, Money.Zero(capture.Amount.Currency)));

        public Task<CardRefundResult> RefundAsync(CardRefund refund, CancellationToken cancellationToken) =>
            Task.FromResult(new CardRefundResult("ref-" + refund.IdempotencyKey));
    }
}
