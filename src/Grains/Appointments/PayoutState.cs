namespace VetActors.Grains.Appointments;

/// <summary>What the practitioner is owed for one appointment; values are stored, never renumber.</summary>
public enum PayoutState
{
    /// <summary>Nothing is owed yet (the appointment has not been held and recorded).</summary>
    NotYetDue = 0,

    /// <summary>The record was completed on time: the full fee is due.</summary>
    DueInFull = 1,

    /// <summary>A no-show or technical difficulty: waits for its support case to be resolved.</summary>
    AwaitingSupportDecision = 2,

    /// <summary>The support case was resolved in the practitioner's favour: a partial fee is due.</summary>
    Partial = 3,

    /// <summary>The record was overdue: held until support decides.</summary>
    Held = 4,

    /// <summary>A held payout released by a support decision.</summary>
    Released = 5,

    /// <summary>Support decided against the practitioner, or the appointment was cancelled.</summary>
    NotPayable = 6,
}
