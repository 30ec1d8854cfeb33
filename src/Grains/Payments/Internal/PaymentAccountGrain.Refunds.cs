using System.Collections.Immutable;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Payments.Internal;

internal sealed partial class PaymentAccountGrain
{
    public async Task<RefundView> RequestRefundAsync(RequestRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ValidateKey(refund.IdempotencyKey);

        // Checked on a retry too: a refund is answered only to someone who may make it.
        await RequireApplyRefundAsync(refund.RequestedByUserId);
        if (await FindOperationAsync(refund.IdempotencyKey) is { } done)
        {
            var view = await ReplayAsync(done, refund);
            await FlushAuditAsync();
            return view;
        }

        ValidateRefund(refund);
        var payment = await FindPaymentAsync(refund.PaymentId);
        var now = time.GetUtcNow();
        if (now - payment.Receipt.CollectedAt > PaymentRules.RefundWindow)
        {
            throw new RuleViolation(
                PaymentRules.RefundWindowClosed,
                $"Payment {payment.Receipt.PaymentId} was collected on {payment.Receipt.CollectedAt:yyyy-MM-dd}; refunds close {PaymentRules.RefundWindow.TotalDays:0} days after a collection.");
        }

        // Pending refunds are reserved: a refund waiting for approval and another one cannot together exceed the payment.
        var remaining = await ViewOfAsync(payment);
        if (refund.Amount.MinorUnits > remaining.Refundable.MinorUnits)
        {
            throw new RuleViolation(
                PaymentRules.ExceedsRefundable,
                $"Payment {refund.PaymentId} has {remaining.Refundable} left to refund ({remaining.Refunded} refunded, {remaining.PendingRefunds} awaiting approval); {refund.Amount} is more.");
        }

        var record = new RefundRecord
        {
            RefundId = NextId("RF", State.RefundCount),
            PaymentId = refund.PaymentId,
            IdempotencyKey = refund.IdempotencyKey,
            Amount = refund.Amount,
            Reason = refund.Reason,
            Note = refund.Note,
            Status = RefundStatus.PendingApproval,
            RequestedBy = refund.RequestedByUserId,
            RequestedAt = now,
        };
        if (State.Settings.RefundLimitFor(refund.RequestedByUserId) is { } limit && refund.Amount.MinorUnits > limit)
        {
            Register(record, payment);
            State.PendingRefunds[record.RefundId] = record;
            StageRefund(record);
            await SaveAsync(new AuditRecord(
                AuditActors.Staff(refund.RequestedByUserId), "payments.refund_requested", "refund/" + record.RefundId,
                After: $"{record.Amount} of payment {record.PaymentId} ({record.Reason}); above the limit of {Amount(limit)}, awaiting a second approver"));
            return record.View();
        }

        await RefundAsync(payment, record, approverUserId: null);
        return record.View();
    }

    public async Task<RefundView> ApproveRefundAsync(string refundId, string approverUserId)
    {
        var view = await FindRefundViewAsync(refundId);
        await RequireApplyRefundAsync(approverUserId);
        if (view is { Status: RefundStatus.Completed } && view.DecidedBy == approverUserId)
        {
            return view;
        }

        var record = RequirePending(view);
        if (record.RequestedBy == approverUserId)
        {
            throw new PermissionDeniedException(
                PaymentRules.SecondApproverRequired, $"Refund {refundId} is above {approverUserId}'s refund limit: another user with Apply refund must approve it.");
        }

        await RefundAsync(await FindPaymentAsync(record.PaymentId), record, approverUserId);
        return record.View();
    }

    public async Task<RefundView> RejectRefundAsync(string refundId, string userId, string? note)
    {
        var view = await FindRefundViewAsync(refundId);
        await RequireApplyRefundAsync(userId);
        if (view is { Status: RefundStatus.Rejected } && view.DecidedBy == userId)
        {
            return view;
        }

        var record = RequirePending(view);
        if (note is { Length: > PaymentRules.MaxTextLength })
        {
            throw new ValidationException("note", $"must be at most {PaymentRules.MaxTextLength} characters.");
        }

        record.Status = RefundStatus.Rejected;
        record.DecidedBy = userId;
        record.DecidedAt = time.GetUtcNow();
        State.PendingRefunds.Remove(refundId);
        StageRefund(record);
        await SaveAsync(new AuditRecord(AuditActors.Staff(userId), "payments.refund_rejected", "refund/" + refundId, "pending", $"rejected: {note}"));
        return record.View();
    }

    /// <summary>Refunds, newest first: the pending ones from the state, the decided ones from their records.</summary>
    public async Task<ImmutableArray<RefundView>> ListRefundsAsync(bool pendingOnly)
    {
        if (pendingOnly)
        {
            return [.. State.PendingRefunds.Values.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.RefundId, StringComparer.Ordinal).Select(r => r.View())];
        }

        var refunds = ImmutableArray.CreateBuilder<RefundView>(State.RefundCount);
        for (var n = State.RefundCount; n >= 1; n--)
        {
            refunds.Add(await FindRefundViewAsync(NextId("RF", n - 1)));
        }

        return refunds.MoveToImmutable();
    }

    /// <summary>Makes the refund at the processor, then records it; <paramref name="record"/> joins the state only once made.</summary>
    private async Task RefundAsync(PaymentRecord payment, RefundRecord record, string? approverUserId)
    {
        var made = await processor.RefundAsync(
            new CardRefund(ClinicId, record.IdempotencyKey, payment.Receipt.ProcessorReference, record.Amount), CancellationToken.None);
        var pendingBefore = record.Status;
        record.Status = RefundStatus.Completed;
        record.ProcessorReference = made.ProcessorReference;
        if (approverUserId is not null)
        {
            record.DecidedBy = approverUserId;
            record.DecidedAt = time.GetUtcNow();
            State.PendingRefunds.Remove(record.RefundId);
        }
        else
        {
            Register(record, payment);
        }

        StageRefund(record);
        var actor = AuditActors.Staff(approverUserId ?? record.RequestedBy);
        var entry = Post(LedgerEntryKind.Refund, LedgerAccount.Refunds, LedgerAccount.ClinicFunds, record.Amount, actor, record.PaymentId, record.RefundId);
        var approval = approverUserId is null ? "" : $"; requested by {record.RequestedBy}, approved by {approverUserId}";
        await SaveAsync(new AuditRecord(
            actor, "payments.refunded", "refund/" + record.RefundId, approverUserId is null ? null : pendingBefore.ToString(),
            $"{record.Amount} of payment {record.PaymentId} ({record.Reason}){approval}; ledger {entry.Sequence}"));
    }

    /// <summary>Counts a new refund, lists it on its payment and remembers its idempotency key.</summary>
    private void Register(RefundRecord record, PaymentRecord payment)
    {
        // Ids of refunds never acknowledged are dropped first, against the count before this one joins it.
        string[] refundIds = [.. payment.RefundIds.Where(id => IsCounted(id, "RF", State.RefundCount)), record.RefundId];
        State.RefundCount++;
        StagePayment(payment with { RefundIds = [.. refundIds] });
        StageKey(record.IdempotencyKey, record.RefundId, record.RequestedAt);
    }

    private RefundRecord RequirePending(RefundView refund) =>
        State.PendingRefunds.GetValueOrDefault(refund.RefundId)
        ?? throw new RuleViolation(
            PaymentRules.RefundNotPending,
            $"Refund {refund.RefundId} is {refund.Status} (by {refund.DecidedBy ?? refund.RequestedBy}); only a pending refund is approved or rejected.");

    private async Task<RefundView> ReplayAsync(string done, RequestRefund refund)
    {
        if (!done.StartsWith("RF-", StringComparison.Ordinal))
        {
            throw KeyReused(refund.IdempotencyKey, $"payment {done}", "every field");
        }

        var first = await FindRefundViewAsync(done);
        var differences = new List<string>();
        if (first.PaymentId != refund.PaymentId)
        {
            differences.Add("payment_id");
        }

        if (first.Amount != refund.Amount)
        {
            differences.Add("amount");
        }

        if (first.Reason != refund.Reason)
        {
            differences.Add("reason");
        }

        if (first.Note != refund.Note)
        {
            differences.Add("note");
        }

        return differences.Count == 0 ? first : throw KeyReused(refund.IdempotencyKey, $"refund {first.RefundId}", string.Join(", ", differences));
    }

    private void ValidateRefund(RequestRefund refund)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrEmpty(refund.PaymentId))
        {
            violations.Add(new FieldViolation("payment_id", "must name the payment to refund."));
        }

        ValidateAmount(refund.Amount, "amount", violations);
        if (!Enum.IsDefined(refund.Reason))
        {
            violations.Add(new FieldViolation("reason", "must be one of the refund reason codes."));
        }

        if (refund.Note is { Length: > PaymentRules.MaxTextLength })
        {
            violations.Add(new FieldViolation("note", $"must be at most {PaymentRules.MaxTextLength} characters."));
        }

        if (refund.Reason is RefundReason.Other && string.IsNullOrWhiteSpace(refund.Note))
        {
            violations.Add(new FieldViolation("note", "must say why when the reason is Other."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }
}
