namespace VetActors.Grains.Consent;

/// <summary>What an inbound text means to consent handling.</summary>
public enum SmsKeywordKind
{
    /// <summary>Not a keyword: an ordinary message.</summary>
    None = 0,

    /// <summary>STOP and the other standard opt-out words.</summary>
    OptOut = 1,

    /// <summary>START, UNSTOP or YES.</summary>
    OptIn = 2,

    /// <summary>HELP.</summary>
    Help = 3,
}
