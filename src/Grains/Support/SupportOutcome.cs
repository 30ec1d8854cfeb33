namespace VetActors.Grains.Support;

/// <summary>How support resolved a case.</summary>
public enum SupportOutcome
{
    /// <summary>Resolved in the practitioner's favour: a partial payout, or a held payout released.</summary>
    FavourPractitioner = 1,

    /// <summary>Resolved against the practitioner: nothing is paid.</summary>
    AgainstPractitioner = 2,
}
