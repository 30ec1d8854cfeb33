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
        if (State.Operations.TryGetValue(refund.IdempotencyKey, out var done))
        {
            var view = Replay(done, refund);
            await FlushAuditAsync();
            return view;
        }

        ValidateRefund(refund);
        var payment = FindPayment(refund.PaymentId);

        // Pending refunds are reserved: a refund waiting for approval and another one cannot together exceed the payment.
        var remaining = ViewOf(payment);
        if (refund.Amount.MinorUnits > remaining.Refundable.MinorUnits)
        {
            throw new RuleViolation(
                PaymentRules.ExceedsRefundable,
                $"Payment {payment.PaymentId} has {remaining.Refundable} left to refund ({remaining.Refunded} refunded, {remaining.PendingRefunds} awaiting approval); {refund.Amount} is more.");
        }

        var record = new RefundRecord
        {
            RefundId = NextId("RF", State.Refunds.Count),
            PaymentId = payment.PaymentId,
            IdempotencyKey = refund.IdempotencyKey,
            Amount = refund.Amount,
            Reason = refund.Reason,
            Note = refund.Note,
            Status = RefundStatus.PendingApproval,
            RequestedBy = refund.RequestedByUserId,
            RequestedAt = time.GetUtcNow(),
        };
        if (State.Settings.RefundLimitFor(refund.RequestedByUserId) is { } limit && refund.Amount.MinorUnits > limit)
        {
            State.Refunds.Add(record);
            State.Operations[refund.IdempotencyKey] = new IdempotentOperation(OperationKind.Refund, record.RefundId);
            await SaveAsync(new AuditRecord(
                AuditActors.Staff(refund.RequestedByUserId), "payments.refund_requested", "refund/" + record.RefundId,
                After: $"{record.Amount} of payment {payment.PaymentId} ({record.Reason}); above the limit of {Amount(limit)}, awaiting a second approver"));
            return record.View();
        }

        await RefundAsync(payment, record, approverUserId: null);
        return record.View();
    }

    public async Task<RefundView> ApproveRefundAsync(string refundId, string approverUserId)
    {
        var record = FindRefund(refundId);
        await RequireApplyRefundAsync(approverUserId);
        if (record is { Status: RefundStatus.Completed } && record.DecidedBy == approverUserId)
        {
            return record.View();
        }

        RequirePending(record);
        if (record.RequestedBy == approverUserId)
        {
            throw new PermissionDeniedException(
                PaymentRules.SecondApproverRequired, $"Refund {refundId} is above {approverUserId}'s refund limit: another user with Apply refund must approve it.");
        }

        await RefundAsync(FindPayment(record.PaymentId), record, approverUserId);
        return record.View();
    }

    public async Task<RefundView> RejectRefundAsync(string refundId, string userId, string? note)
    {
        var record = FindRefund(refundId);
        await RequireApplyRefundAsync(userId);
        if (record is { Status: RefundStatus.Rejected } && record.DecidedBy == userId)
        {
            return record.View();
        }

        RequirePending(record);
        if (note is { Length: > PaymentRules.MaxTextLength })
        {
            throw new ValidationException("note", $"must be at most {PaymentRules.MaxTextLength} characters.");
        }

        record.Status = RefundStatus.Rejected;
        record.DecidedBy = userId;
        record.DecidedAt = time.GetUtcNow();
        await SaveAsync(new AuditRecord(AuditActors.Staff(userId), "payments.refund_rejected", "refund/" + refundId, "pending", $"rejected: {note}"));
        return record.View();
    }

    public Task<ImmutableArray<RefundView>> ListRefundsAsync(bool pendingOnly) => Task.FromResult(
        State.Refunds.Where(r => !pendingOnly || r.Status is RefundStatus.PendingApproval).Reverse().Select(r => r.View()).ToImmutableArray());

    /// <summary>Makes the refund at the processor, then records it; <paramref name="record"/> joins the state only once made.</summary>
    private async Task RefundAsync(PaymentReceipt payment, RefundRecord record, string? approverUserId)
    {
        var made = await processor.RefundAsync(
            new CardRefund(ClinicId, record.IdempotencyKey, payment.ProcessorReference, record.Amount), CancellationToken.None);
        var pendingBefore = record.Status;
        record.Status = RefundStatus.Completed;
        record.ProcessorReference = made.ProcessorReference;
        if (approverUserId is not null)
        {
            record.DecidedBy = approverUserId;
            record.DecidedAt = time.GetUtcNow();
        }
        else
        {
            State.Refunds.Add(record);
            State.Operations[record.IdempotencyKey] = new IdempotentOperation(OperationKind.Refund, record.RefundId);
        }

        var actor = AuditActors.Staff(approverUserId ?? record.RequestedBy);
        var entry = Post(LedgerEntryKind.Refund, LedgerAccount.Refunds, LedgerAccount.ClinicFunds, record.Amount, actor, payment.PaymentId, record.RefundId);
        var approval = approverUserId is null ? "" : $"; requested by {record.RequestedBy}, approved by {approverUserId}";
        await SaveAsync(new AuditRecord(
            actor, "payments.refunded", "refund/" + record.RefundId, approverUserId is null ? null : pendingBefore.ToString(),
            $"{record.Amount} of payment {payment.PaymentId} ({record.Reason}){approval}; ledger {entry.Sequence}"));
    }

    private RefundRecord FindRefund(string refundId) =>
        State.Refunds.Find(r => r.RefundId == refundId)
        ?? throw new NotFoundException(PaymentRules.RefundNotFound, $"Refund {refundId} does not exist in this clinic.");

    private static void RequirePending(RefundRecord record)
    {
        if (record.Status is not RefundStatus.PendingApproval)
        {
            throw new RuleViolation(
                PaymentRules.RefundNotPending,
                $"Refund {record.RefundId} is {record.Status} (by {record.DecidedBy ?? record.RequestedBy}); only a pending refund is approved or rejected.");
        }
    }

    private RefundView Replay(IdempotentOperation done, RequestRefund refund)
    {
        if (done.Kind is not OperationKind.Refund)
        {
            throw KeyReused(refund.IdempotencyKey, $"payment {done.Id}", "every field");
        }

        var first = FindRefund(done.Id);
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

        return differences.Count == 0 ? first.View() : throw KeyReused(refund.IdempotencyKey, $"refund {first.RefundId}", string.Join(", ", differences));
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
