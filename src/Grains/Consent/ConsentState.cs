namespace VetActors.Grains.Consent;

/// <summary>The stored consent of one client: the current opt-outs and the ledger that led to them.</summary>
internal sealed class ConsentState
{
    /// <summary>Who opted the client out of SMS; <c>null</c> while SMS is allowed.</summary>
    public ConsentSource? SmsOptOut { get; set; }

    /// <summary>Who opted the client out of email; <c>null</c> while email is allowed.</summary>
    public ConsentSource? EmailOptOut { get; set; }

    public List<ConsentChange> Ledger { get; set; } = [];
}
