namespace VetActors.Grains.Payments;

/// <summary>
/// The accounts of a clinic's double-entry ledger. A balance is its debits minus its credits, so the balances of
/// one ledger always sum to zero. Values are stored, never renumber.
/// </summary>
public enum LedgerAccount
{
    /// <summary>The clinic's money held at the card processor (asset): collections in, refunds, fees and payouts out.</summary>
    ClinicFunds = 1,

    /// <summary>Payments collected from clients (income, credit balance).</summary>
    Collections = 2,

    /// <summary>Money given back to clients (contra-income, debit balance).</summary>
    Refunds = 3,

    /// <summary>What the card processor charged (expense).</summary>
    ProcessorFees = 4,

    /// <summary>Practitioners' fees earned on appointments (expense).</summary>
    PractitionerFees = 5,

    /// <summary>Practitioners' fees earned and not yet paid out (liability).</summary>
    PractitionerPayable = 6,
}
