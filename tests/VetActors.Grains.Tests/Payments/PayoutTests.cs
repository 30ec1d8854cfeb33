using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Grains.Support;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.PaymentWorld;

namespace VetActors.Grains.Tests.Payments;

public sealed class PayoutTests
{
    private const string Actor = "staff:manager";

    public static TheoryData<PayoutState, PayoutStatus, long> Rules() => new()
    {
        { PayoutState.NotYetDue, PayoutStatus.NotDue, 0 },
        { PayoutState.DueInFull, PayoutStatus.Payable, 4_001 },
        { PayoutState.AwaitingSupportDecision, PayoutStatus.NotDue, 0 },
        { PayoutState.Partial, PayoutStatus.Payable, 1_400 },
        { PayoutState.Held, PayoutStatus.Held, 0 },
        { PayoutState.Released, PayoutStatus.Payable, 4_001 },
        { PayoutState.NotPayable, PayoutStatus.NotPayable, 0 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void PayoutRules_EachAppointmentState_DecideStatusAndAmount(PayoutState state, PayoutStatus status, long amount)
    {
        // 35% of 40.01 is 14.0035: the fraction of a cent is not paid.
        Assert.Equal(new PayoutDecision(status, amount), PayoutRules.Decide(state, 4_001, 3_500));
    }

    [Fact]
    public async Task Settle_RecordCompletedOnTime_PaysInFullOnceHoweverOftenSettled()
    {
        await using var world = await StartAsync();
        var appointment = await world.Appointments.HoldCallAsync("VA-FULL01");
        await appointment.CompleteRecordAsync(AppointmentWorld.Record());

        var first = await world.Account.SettlePayoutAsync("VA-FULL01", Actor);
        var again = await world.Account.SettlePayoutAsync("VA-FULL01", Actor);

        Assert.Equal((PayoutStatus.Payable, Usd(8_000), "vet-1"), (first.Status, first.Amount, first.PractitionerId));
        Assert.Equal(first, again);
        Assert.Single(await world.Account.ListTransactionsAsync(new TransactionFilter(Kind: LedgerEntryKind.PayoutAccrued)));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Settle_NoShowResolvedForThePractitioner_PaysTheShareAfterTheCase()
    {
        await using var world = await StartAsync();
        var appointment = await world.Appointments.BookAsync("VA-NOSHOW");
        world.Appointments.Clock.Advance(TimeSpan.FromHours(1));
        await appointment.JoinAsync(CallParty.Practitioner);
        world.Appointments.Clock.Advance(TimeSpan.FromMinutes(15));
        var caseId = Assert.Single((await appointment.DeclareNoShowAsync()).SupportCaseIds);

        var waiting = await world.Account.SettlePayoutAsync("VA-NOSHOW", Actor);
        await world.Appointments.SupportDesk.ResolveAsync(caseId, SupportOutcome.FavourPractitioner, "manager", "client never came");
        var partial = await world.Account.SettlePayoutAsync("VA-NOSHOW", Actor);

        Assert.Equal((PayoutStatus.NotDue, Usd(0)), (waiting.Status, waiting.Amount));
        Assert.Equal((PayoutStatus.Payable, Usd(4_000), PayoutState.Partial), (partial.Status, partial.Amount, partial.AppointmentPayout));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Settle_OverdueRecord_HeldUntilSupportReleasesIt()
    {
        await using var world = await StartAsync();
        var appointment = await world.Appointments.HoldCallAsync("VA-LATE01");
        world.Appointments.Clock.Advance(TimeSpan.FromHours(24));
        await Eventually.UntilAsync(async () => (await appointment.GetAsync()).Payout is PayoutState.Held, "payout held");

        var held = await world.Account.SettlePayoutAsync("VA-LATE01", Actor);
        var nothingToPay = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.CreatePayoutBatchAsync(Actor));
        var completed = await appointment.CompleteRecordAsync(AppointmentWorld.Record());
        await world.Appointments.SupportDesk.ResolveAsync(Assert.Single(completed.SupportCaseIds), SupportOutcome.FavourPractitioner, "manager", "late, but done");
        var released = await world.Account.SettlePayoutAsync("VA-LATE01", Actor);

        Assert.Equal((PayoutStatus.Held, Usd(0)), (held.Status, held.Amount));
        Assert.Equal("payments.nothing_to_pay", nothingToPay.Code);
        Assert.Equal((PayoutStatus.Payable, Usd(8_000), PayoutState.Released), (released.Status, released.Amount, released.AppointmentPayout));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Settle_DecidedAgainstThePractitioner_PaysNothing()
    {
        await using var world = await StartAsync();
        var appointment = await world.Appointments.HoldCallAsync("VA-TECH01");
        var reported = await appointment.ReportTechnicalDifficultyAsync(CallParty.Client, "no video");
        await world.Appointments.SupportDesk.ResolveAsync(Assert.Single(reported.SupportCaseIds), SupportOutcome.AgainstPractitioner, "manager", "practitioner's connection");

        var payout = await world.Account.SettlePayoutAsync("VA-TECH01", Actor);

        Assert.Equal(PayoutStatus.NotPayable, payout.Status);
        Assert.Empty(await world.Account.ListTransactionsAsync(new TransactionFilter(AppointmentReference: "VA-TECH01")));
    }

    [Fact]
    public async Task Settle_WithoutAPractitionerFee_Refused()
    {
        await using var world = await PaymentWorld.StartAsync();
        var appointment = await world.Appointments.HoldCallAsync("VA-NOFEE1");
        await appointment.CompleteRecordAsync(AppointmentWorld.Record());

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.SettlePayoutAsync("VA-NOFEE1", Actor));

        Assert.Equal("payments.no_practitioner_fee", error.Code);
    }

    [Fact]
    public async Task PayoutBatch_PaysEveryPayablePayout_AndReconcilesWithTheLedger()
    {
        await using var world = await StartAsync();
        foreach (var (reference, vet) in new[] { ("VA-BATCH1", "vet-1"), ("VA-BATCH2", "vet-2") })
        {
            var appointment = await world.Appointments.HoldCallAsync(reference, vet);
            await appointment.CompleteRecordAsync(AppointmentWorld.Record());
            await world.Account.SettlePayoutAsync(reference, Actor);
        }

        var batch = await world.Account.CreatePayoutBatchAsync(Actor);
        var reconciliation = Assert.Single(await world.Account.ListReconciliationsAsync());

        Assert.Equal(("PB-000001", Usd(16_000)), (batch.BatchId, batch.Total));
        Assert.True(reconciliation.IsMatched, string.Join("; ", reconciliation.Mismatches));
        Assert.Equal((2, Usd(16_000)), (reconciliation.EntrySequences.Length, reconciliation.MatchedTotal));
        Assert.All(await world.Account.ListPayoutsAsync(), p => Assert.Equal((PayoutStatus.Paid, "PB-000001"), (p.Status, p.PayoutBatchId)));
        Assert.Equal(PayoutStatus.Paid, (await world.Account.SettlePayoutAsync("VA-BATCH1", Actor)).Status);
        await Assert.ThrowsAsync<RuleViolation>(() => world.Account.CreatePayoutBatchAsync(Actor));
        var check = await world.AssertConsistentAsync();
        Assert.Equal(Usd(0), check.Balances.Single(b => b.Account == LedgerAccount.PractitionerPayable).Balance);
        Assert.Single(await world.AuditAsync(), a => a.Action == "payments.payout_batch_paid");
    }

    private static async Task<PaymentWorld> StartAsync()
    {
        var world = await PaymentWorld.StartAsync();
        await world.Account.SetSettingsAsync(PaymentSettings.Default with { PractitionerFee = 8_000 }, "staff:admin");
        return world;
    }
}
