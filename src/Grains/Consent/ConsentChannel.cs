namespace VetActors.Grains.Consent;

/// <summary>A way the clinic reaches a client, each with its own consent.</summary>
public enum ConsentChannel
{
    Sms = 1,
    Email = 2,
}
