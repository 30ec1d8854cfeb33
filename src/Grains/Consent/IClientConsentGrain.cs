using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>
/// One client's SMS and email consent with its ledger, keyed <c>clinic-42/client/{id}/consent</c>
/// (<see cref="Common.GrainKeys.ClientConsent"/>). A client who never opted out may be contacted on both
/// channels. The outbox asks <see cref="MaySendAsync"/> before every send.
/// </summary>
[GrainType("client-consent")]
public interface IClientConsentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Handles a text from the client: an opt-out keyword opts out of SMS, an opt-in keyword opts back in (and
    /// clears the staff indicator), HELP is answered; each of those yields exactly one reply to send. Any
    /// other text changes nothing and the caller routes it to the client's conversation.
    /// </summary>
    Task<InboundSmsOutcome> ReceiveSmsAsync(InboundSms sms);

    /// <summary>
    /// Sets a notification preference from the portal or on a staff member's record. Staff may record opt-outs,
    /// but an opt-out the client made (by STOP or in the portal) is a <see cref="Common.RuleViolation"/> for
    /// staff to undo.
    /// </summary>
    Task<ConsentStatus> SetPreferenceAsync(PreferenceChange change);

    /// <summary>Whether a message may be sent to the client on <paramref name="channel"/> now.</summary>
    [ReadOnly]
    Task<bool> MaySendAsync(ConsentChannel channel);

    /// <summary>The client's consent now, with the SMS opt-out indicator for the staff profile.</summary>
    [ReadOnly]
    Task<ConsentStatus> GetStatusAsync();

    /// <summary>Every consent change, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ConsentChange>> GetLedgerAsync();
}
