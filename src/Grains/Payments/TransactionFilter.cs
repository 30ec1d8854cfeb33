using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// Which ledger entries the back office lists: any combination of kind, time range (<c>From</c> inclusive,
/// <c>To</c> exclusive), payment and appointment; up to <paramref name="Limit"/> entries after
/// <paramref name="AfterSequence"/>, oldest first.
/// </summary>
[Immutable]
public sealed record TransactionFilter(
    LedgerEntryKind? Kind = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? PaymentId = null,
    string? AppointmentReference = null,
    long AfterSequence = 0,
    int Limit = 100);
