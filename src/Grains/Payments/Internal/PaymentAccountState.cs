using VetActors.Grains.Audit;

namespace VetActors.Grains.Payments.Internal;

/// <summary>
/// Only what the rules need to decide: the entries, payments and refunds themselves live in the
/// <see cref="LedgerJournal"/>, so this document stays small however long the clinic's history grows.
/// </summary>
internal sealed class PaymentAccountState
{
    public PaymentSettings Settings { get; set; } = PaymentSettings.Default;

    /// <summary>Ledger entries committed (numbered 1 to this); journal entries after it were never acknowledged.</summary>
    public long EntryCount { get; set; }

    public int PaymentCount { get; set; }

    public int RefundCount { get; set; }

    /// <summary>Balances kept as entries are posted; the check recomputes them from the entries.</summary>
    public Dictionary<LedgerAccount, long> Balances { get; set; } = [];

    /// <summary>Refunds waiting for a second approver, by refund id.</summary>
    public Dictionary<string, RefundRecord> PendingRefunds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Payouts by appointment reference.</summary>
    public Dictionary<string, PayoutView> Payouts { get; set; } = new(StringComparer.Ordinal);

    public List<PayoutBatch> Batches { get; set; } = [];

    /// <summary>
    /// Audit entries of changes already durable here and not yet confirmed in the audit log. Saved with the change
    /// itself, so a crash between the two cannot lose one; activation appends those the log lacks.
    /// </summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}
