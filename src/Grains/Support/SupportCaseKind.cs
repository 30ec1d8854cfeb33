namespace VetActors.Grains.Support;

/// <summary>Why a support case was opened.</summary>
public enum SupportCaseKind
{
    NoShow = 1,
    TechnicalDifficulty = 2,
    RecordOverdue = 3,

    /// <summary>Opened by a practitioner about anything else.</summary>
    PractitionerRequest = 4,
}
