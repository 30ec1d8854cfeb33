using System.Collections.Immutable;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>
/// The outcome of checking a ledger: the balances recomputed from every entry, and each inconsistency found
/// (a kept balance that differs from its entries, balances that do not sum to zero, a payment refunded beyond its
/// amount, an entry numbered out of order, an operation recorded twice). Empty <see cref="Problems"/> means consistent.
/// </summary>
[Immutable]
public sealed record LedgerCheck(long EntryCount, ImmutableArray<AccountBalance> Balances, ImmutableArray<string> Problems)
{
    public bool IsConsistent => Problems.IsEmpty;
}
