namespace VetActors.Grains.Consent;

/// <summary>Where a consent change came from.</summary>
public enum ConsentSource
{
    /// <summary>The client changed a notification preference in the portal.</summary>
    Portal = 1,

    /// <summary>The client texted a keyword (STOP, START ...) to the clinic's number.</summary>
    SmsKeyword = 2,

    /// <summary>A staff member recorded the client's wish.</summary>
    Staff = 3,
}
