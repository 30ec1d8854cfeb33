using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>
/// A client's consent now. <see cref="SmsOptOutSource"/> is set while the client is opted out of SMS: it is
/// the opt-out indicator of the staff profile, and says whether staff may undo it.
/// </summary>
[Immutable]
public sealed record ConsentStatus(bool SmsAllowed, bool EmailAllowed, ConsentSource? SmsOptOutSource, ConsentSource? EmailOptOutSource)
{
    /// <summary>Whether the staff profile shows the SMS opt-out indicator.</summary>
    public bool ShowSmsOptOutIndicator => !SmsAllowed;
}
