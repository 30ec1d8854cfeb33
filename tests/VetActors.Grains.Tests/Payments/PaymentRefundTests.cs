using System.Collections.Immutable;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.PaymentWorld;

namespace VetActors.Grains.Tests.Payments;

public sealed class PaymentRefundTests
{
    [Fact]
    public async Task Refund_PartialThenTheRest_ThenAnyMoreIsRefused()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var partial = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 2_500));
        var rest = await world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 7_500));
        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.RequestRefundAsync(Refund("r3", payment.PaymentId, 1)));

        Assert.Equal((RefundStatus.Completed, RefundStatus.Completed), (partial.Status, rest.Status));
        Assert.Equal("payments.refund_exceeds_refundable", error.Code);
        Assert.Contains("0 USD minor units left to refund", error.Message, StringComparison.Ordinal);
        var view = await world.Account.GetPaymentAsync(payment.PaymentId);
        Assert.Equal((Usd(10_000), Usd(0)), (view.Refunded, view.Refundable));
        Assert.Equal(2, (await world.AuditAsync()).Count(a => a.Action == "payments.refunded"));
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_WithoutApplyRefund_PermissionDeniedAndChangesNothing()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 100, Viewer)));

        Assert.Equal("payments.apply_refund_required", error.Code);
        Assert.Empty(await world.Account.ListRefundsAsync(pendingOnly: false));
        Assert.Equal(2, (await world.Account.CheckAsync()).EntryCount);
    }

    [Fact]
    public async Task Refund_PermissionWithdrawn_RefusedFromTheNextRequest()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));
        await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 100));

        world.Staff.Set(AppointmentWorld.Clinic, Clerk, Grains.Identity.StaffPermissions.None);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 100)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 100)));
    }

    [Fact]
    public async Task Refund_TwoRacingRefundsTogetherOverTheAmount_ExactlyOneSucceeds()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var outcomes = await Task.WhenAll(
            Outcome(world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 6_000, Clerk))),
            Outcome(world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 6_000, Manager))));

        Assert.Single(outcomes, o => o is RefundView { Status: RefundStatus.Completed });
        Assert.Single(outcomes, o => o is RuleViolation { Code: "payments.refund_exceeds_refundable" });
        Assert.Equal(Usd(4_000), (await world.Account.GetPaymentAsync(payment.PaymentId)).Refundable);
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_ManyRacingRefunds_NeverExceedThePayment()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Outcome(world.Account.RequestRefundAsync(Refund($"r{i}", payment.PaymentId, 700)))));

        Assert.Equal(14, outcomes.Count(o => o is RefundView));
        Assert.Equal(Usd(200), (await world.Account.GetPaymentAsync(payment.PaymentId)).Refundable);
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_SameKeyTwice_RefundsOnce_AndADifferentPayloadIsRefused()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var first = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 1_000));
        var again = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 1_000));
        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 2_000)));

        Assert.Equal(first, again);
        Assert.Contains("refund RF-000001 with a different amount", error.Message, StringComparison.Ordinal);
        Assert.Equal(Usd(1_000), (await world.Account.GetPaymentAsync(payment.PaymentId)).Refunded);
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_AboveTheUserLimit_WaitsForASecondUserAndReservesTheAmount()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.SetSettingsAsync(PaymentSettings.Default with { DefaultRefundLimit = 5_000 }, "staff:admin");
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var pending = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 8_000));
        var overReserved = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 3_000, Manager)));
        var selfApproval = await Assert.ThrowsAsync<PermissionDeniedException>(() => world.Account.ApproveRefundAsync(pending.RefundId, Clerk));
        var noPermission = await Assert.ThrowsAsync<PermissionDeniedException>(() => world.Account.ApproveRefundAsync(pending.RefundId, Viewer));
        var beforeApproval = await world.Account.GetPaymentAsync(payment.PaymentId);
        var approved = await world.Account.ApproveRefundAsync(pending.RefundId, Manager);

        Assert.Equal(RefundStatus.PendingApproval, pending.Status);
        Assert.Contains("awaiting approval", overReserved.Message, StringComparison.Ordinal);
        Assert.Equal("payments.second_approver_required", selfApproval.Code);
        Assert.Equal("payments.apply_refund_required", noPermission.Code);
        Assert.Equal((Usd(0), Usd(8_000)), (beforeApproval.Refunded, beforeApproval.PendingRefunds));
        Assert.Equal((RefundStatus.Completed, Manager), (approved.Status, approved.DecidedBy));
        Assert.Equal(approved, await world.Account.ApproveRefundAsync(pending.RefundId, Manager));
        Assert.Equal(Usd(8_000), (await world.Account.GetPaymentAsync(payment.PaymentId)).Refunded);
        Assert.Contains(await world.AuditAsync(), a => a.Action == "payments.refund_requested");
        Assert.Contains(await world.AuditAsync(), a => a.Action == "payments.refunded" && a.Actor == "staff:manager");
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_Rejected_MovesNothingAndReleasesTheReservation()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.SetSettingsAsync(PaymentSettings.Default with { DefaultRefundLimit = 5_000 }, "staff:admin");
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));
        var pending = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 8_000));

        var rejected = await world.Account.RejectRefundAsync(pending.RefundId, Manager, "not agreed with the client");
        var late = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.ApproveRefundAsync(pending.RefundId, Manager));

        Assert.Equal(RefundStatus.Rejected, rejected.Status);
        Assert.Equal("payments.refund_not_pending", late.Code);
        Assert.Equal(Usd(10_000), (await world.Account.GetPaymentAsync(payment.PaymentId)).Refundable);
        Assert.Empty(await world.Account.ListRefundsAsync(pendingOnly: true));
        Assert.Equal(2, (await world.Account.CheckAsync()).EntryCount);
        await world.AssertConsistentAsync();
    }

    [Fact]
    public async Task Refund_UserOwnLimit_OverridesTheClinicDefault()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.SetSettingsAsync(
            PaymentSettings.Default with { DefaultRefundLimit = 1_000, UserRefundLimits = ImmutableDictionary<string, long>.Empty.Add(Manager, 50_000) }, "staff:admin");
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var byClerk = await world.Account.RequestRefundAsync(Refund("r1", payment.PaymentId, 2_000, Clerk));
        var byManager = await world.Account.RequestRefundAsync(Refund("r2", payment.PaymentId, 2_000, Manager));

        Assert.Equal((RefundStatus.PendingApproval, RefundStatus.Completed), (byClerk.Status, byManager.Status));
    }

    [Fact]
    public async Task Refund_BadInput_NamesTheFields()
    {
        await using var world = await PaymentWorld.StartAsync();
        var payment = await world.Account.CollectAsync(Invoice("pay", 10_000));

        var error = await Assert.ThrowsAsync<ValidationException>(() => world.Account.RequestRefundAsync(
            Refund("r1", payment.PaymentId, -5) with { Reason = RefundReason.Other }));
        await Assert.ThrowsAsync<NotFoundException>(() => world.Account.RequestRefundAsync(Refund("r2", "PAY-999999", 5)));

        Assert.Equal(["amount", "note"], error.Violations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public async Task SetSettings_CurrencyAfterTheFirstEntry_Refused()
    {
        await using var world = await PaymentWorld.StartAsync();
        await world.Account.SetSettingsAsync(PaymentSettings.Default with { Currency = "CAD" }, "staff:admin");
        await world.Account.CollectAsync(Invoice("pay", 100) with { Amount = new Money(100, "CAD") });

        var error = await Assert.ThrowsAsync<RuleViolation>(() => world.Account.SetSettingsAsync(PaymentSettings.Default, "staff:admin"));

        Assert.Equal("payments.currency_locked", error.Code);
    }

    private static async Task<object> Outcome(Task<RefundView> call)
    {
        try
        {
            return await call;
        }
        catch (DomainException ex)
        {
            return ex;
        }
    }
}
