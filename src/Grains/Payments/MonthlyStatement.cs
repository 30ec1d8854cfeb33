using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A clinic's month (UTC): what was collected, refunded and charged in processor fees, and the net
/// (<c>collections - refunds - fees</c>).
/// </summary>
[Immutable]
public sealed record MonthlyStatement(
    int Year,
    int Month,
    Money Collections,
    int CollectionCount,
    Money Refunds,
    int RefundCount,
    Money Fees,
    Money Net);
