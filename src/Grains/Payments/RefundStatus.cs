namespace VetActors.Grains.Payments;

/// <summary>Where a refund stands; values are stored, never renumber.</summary>
public enum RefundStatus
{
    /// <summary>Above the requester's limit: reserved against the payment until a second user approves or rejects it.</summary>
    PendingApproval = 1,

    /// <summary>Returned to the client and in the ledger.</summary>
    Completed = 2,

    /// <summary>Refused by a second user; nothing moved.</summary>
    Rejected = 3,
}
