namespace VetActors.Grains.Payments;

/// <summary>Where a practitioner's payout for one appointment stands in the ledger; values are stored, never renumber.</summary>
public enum PayoutStatus
{
    /// <summary>The appointment has not earned anything yet (record not complete, or a support case open).</summary>
    NotDue = 1,

    /// <summary>The record was overdue: nothing is paid until support releases it.</summary>
    Held = 2,

    /// <summary>Earned and in the ledger; paid with the next payout batch.</summary>
    Payable = 3,

    /// <summary>Paid in a payout batch.</summary>
    Paid = 4,

    /// <summary>Nothing is owed (decided against the practitioner, or cancelled).</summary>
    NotPayable = 5,
}
