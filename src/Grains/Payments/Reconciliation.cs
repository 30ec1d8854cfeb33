using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// A payout batch matched against the ledger: the entries that paid it, their total, and each mismatch (a payout
/// without its entry, an amount that differs, an entry naming the batch that the batch does not hold).
/// </summary>
[Immutable]
public sealed record Reconciliation(
    PayoutBatch Batch,
    ImmutableArray<long> EntrySequences,
    Money MatchedTotal,
    ImmutableArray<string> Mismatches)
{
    public bool IsMatched => Mismatches.IsEmpty;
}
