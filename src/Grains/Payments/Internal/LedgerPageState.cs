namespace VetActors.Grains.Payments.Internal;

internal sealed class LedgerPageState
{
    public List<LedgerEntry> Entries { get; set; } = [];
}
