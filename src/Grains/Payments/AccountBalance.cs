using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Payments;

/// <summary>One ledger account's balance (debits minus credits).</summary>
[Immutable]
public sealed record AccountBalance(LedgerAccount Account, Money Balance);
