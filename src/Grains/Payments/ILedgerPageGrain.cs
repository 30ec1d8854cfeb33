using System.Collections.Immutable;
using VetActors.Actors;

namespace VetActors.Grains.Payments;

/// <summary>
/// One page of a clinic's ledger: entries <c>(n-1)*PageSize+1</c> to <c>n*PageSize</c> (key
/// <c>clinic-42/payments/ledger-000001</c>). Only the payment account writes it, always before its own state, so a
/// page may hold entries of a write the account never acknowledged; readers take entries up to the account's count.
/// A full page is never written again, so the cost of a write does not grow with the ledger's history.
/// </summary>
[GrainType("payment-ledger-page")]
public interface ILedgerPageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends consecutive entries, first replacing any entries numbered from the first new one on (left by a write
    /// whose account state never became durable). Writing the same entries again changes nothing.
    /// </summary>
    Task AppendAsync(ImmutableArray<LedgerEntry> entries);

    /// <summary>Removes the entries numbered after <paramref name="sequence"/>; answers how many it removed.</summary>
    Task<int> TruncateAfterAsync(long sequence);

    /// <summary>The page's entries, oldest first.</summary>
    Task<ImmutableArray<LedgerEntry>> ReadAsync();
}
