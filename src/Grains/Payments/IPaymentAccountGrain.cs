using System.Collections.Immutable;
using VetActors.Actors;

namespace VetActors.Grains.Payments;

/// <summary>
/// A clinic's payment account and its append-only, double-entry ledger (key <see cref="Common.GrainKeys.PaymentAccount"/>,
/// <c>clinic-42/payments/account</c>). Every money movement is a ledger entry and an audit entry; balances are derived
/// from the entries. Calls return once the change is durable. <c>actor</c> arguments name who acts as the audit log
/// does (<see cref="Audit.AuditActors"/>); user ids are staff members of the clinic. The account's own state holds only
/// what its rules decide on; entries live in <see cref="ILedgerPageGrain"/> pages, payments and refunds in their records.
/// </summary>
[GrainType("payment-account")]
public interface IPaymentAccountGrain : IGrainWithStringKey
{
    /// <summary>The clinic's payment settings.</summary>
    Task<PaymentSettings> GetSettingsAsync();

    /// <summary>Changes the settings (the currency only while the ledger is empty); audited.</summary>
    Task<PaymentSettings> SetSettingsAsync(PaymentSettings settings, string actor);

    /// <summary>
    /// Collects a payment through the card processor. The same idempotency key again returns the first receipt and
    /// collects nothing; the same key with a different request is refused (<see cref="Common.AlreadyExistsException"/>).
    /// Keys are remembered for 30 days at least, then pruned: an older key counts as new.
    /// </summary>
    Task<PaymentReceipt> CollectAsync(CollectPayment payment);

    /// <summary>One payment with its refunds so far; NOT_FOUND when unknown.</summary>
    Task<PaymentView> GetPaymentAsync(string paymentId);

    /// <summary>
    /// Refunds all or part of a payment. The requester needs Apply refund; the amount never exceeds what remains
    /// refundable; above the requester's limit the refund waits for a second user's approval. Idempotent by key (kept 30
    /// days). A payment can be refunded for 180 days after its collection, then the refund window closes.
    /// </summary>
    Task<RefundView> RequestRefundAsync(RequestRefund refund);

    /// <summary>A second user with Apply refund (not the requester) approves a pending refund, which is then made.</summary>
    Task<RefundView> ApproveRefundAsync(string refundId, string approverUserId);

    /// <summary>A user with Apply refund rejects a pending refund (the requester may withdraw their own); nothing moves.</summary>
    Task<RefundView> RejectRefundAsync(string refundId, string userId, string? note);

    /// <summary>Refunds, newest first; only those waiting for approval when <paramref name="pendingOnly"/>.</summary>
    Task<ImmutableArray<RefundView>> ListRefundsAsync(bool pendingOnly);

    /// <summary>
    /// Reads the appointment's payout state and records what its practitioner earns (<see cref="PayoutRules"/>): a
    /// payable amount enters the ledger once; a held or undecided payout is recorded and settled again later.
    /// </summary>
    Task<PayoutView> SettlePayoutAsync(string appointmentReference, string actor);

    /// <summary>Payouts, by appointment reference.</summary>
    Task<ImmutableArray<PayoutView>> ListPayoutsAsync();

    /// <summary>Pays every payable payout in one batch; FAILED_PRECONDITION when nothing is payable.</summary>
    Task<PayoutBatch> CreatePayoutBatchAsync(string actor);

    /// <summary>Each payout batch matched against the ledger entries that paid it, newest first.</summary>
    Task<ImmutableArray<Reconciliation>> ListReconciliationsAsync();

    /// <summary>The statement of a calendar month in the clinic's time zone.</summary>
    Task<MonthlyStatement> GetMonthlyStatementAsync(int year, int month);

    /// <summary>Ledger entries matching <paramref name="filter"/>, oldest first.</summary>
    Task<ImmutableArray<LedgerEntry>> ListTransactionsAsync(TransactionFilter filter);

    /// <summary>Recomputes every balance from the entries and checks the ledger's invariants.</summary>
    Task<LedgerCheck> CheckAsync();
}
