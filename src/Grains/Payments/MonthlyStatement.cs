using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A clinic's calendar month in its own time zone (<paramref name="From"/> inclusive to <paramref name="To"/>
/// exclusive): what was collected, refunded and charged in processor fees, and the net
/// (<c>collections - refunds - fees</c>).
/// </summary>
[Immutable]
public sealed record MonthlyStatement(
    int Year,
    int Month,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset To,
    Money Collections,
    int CollectionCount,
    Money Refunds,
    int RefundCount,
    Money Fees,
    Money Net);
