namespace VetActors.Grains.Payments;

/// <summary>What moved money in a ledger entry; values are stored, never renumber.</summary>
public enum LedgerEntryKind
{
    /// <summary>A client paid: clinic funds up, collections up.</summary>
    Collection = 1,

    /// <summary>The processor's fee on a collection.</summary>
    ProcessorFee = 2,

    /// <summary>Money returned to a client.</summary>
    Refund = 3,

    /// <summary>A practitioner earned their fee for an appointment.</summary>
    PayoutAccrued = 4,

    /// <summary>An earned fee paid out in a payout batch.</summary>
    PayoutPaid = 5,
}
