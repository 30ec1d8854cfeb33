namespace VetActors.Grains.Consent;

/// <summary>Stable reason codes of the consent rules.</summary>
public static class ConsentRules
{
    /// <summary>Staff tried to opt a client back in after the client opted out themselves (by STOP or in the portal).</summary>
    public const string ClientOptOutStands = "consent.client_opt_out_stands";
}
