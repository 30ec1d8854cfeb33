using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// One append-only ledger entry: <paramref name="Amount"/> moves from <paramref name="Credit"/> to
/// <paramref name="Debit"/>. Entries are numbered from 1 and never changed or removed; a correction is a new entry.
/// </summary>
[Immutable]
public sealed record LedgerEntry(
    long Sequence,
    DateTimeOffset At,
    LedgerEntryKind Kind,
    LedgerAccount Debit,
    LedgerAccount Credit,
    Money Amount,
    string Actor,
    string? PaymentId = null,
    string? RefundId = null,
    string? AppointmentReference = null,
    string? PayoutBatchId = null);
