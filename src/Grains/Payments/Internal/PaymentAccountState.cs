using VetActors.Grains.Audit;

namespace VetActors.Grains.Payments.Internal;

internal sealed class PaymentAccountState
{
    public PaymentSettings Settings { get; set; } = PaymentSettings.Default;

    /// <summary>The append-only ledger, numbered from 1.</summary>
    public List<LedgerEntry> Entries { get; set; } = [];

    /// <summary>Balances kept as entries are posted; the check recomputes them from the entries.</summary>
    public Dictionary<LedgerAccount, long> Balances { get; set; } = [];

    public List<PaymentReceipt> Payments { get; set; } = [];

    public List<RefundRecord> Refunds { get; set; } = [];

    /// <summary>Idempotency keys of collections and refunds, and what each recorded.</summary>
    public Dictionary<string, IdempotentOperation> Operations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Payouts by appointment reference.</summary>
    public Dictionary<string, PayoutView> Payouts { get; set; } = new(StringComparer.Ordinal);

    public List<PayoutBatch> Batches { get; set; } = [];

    /// <summary>
    /// Audit entries of changes already durable here and not yet confirmed in the audit log. Saved with the change
    /// itself, so a crash between the two cannot lose one; activation appends those the log lacks.
    /// </summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}
