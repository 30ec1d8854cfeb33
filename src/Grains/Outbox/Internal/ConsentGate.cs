using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;

namespace VetActors.Grains.Outbox.Internal;

/// <summary>The one consent check of every outbox: a message for a client is refused unless the client may be reached on its channel.</summary>
internal static class ConsentGate
{
    public static async Task EnsureAllowedAsync(IGrainFactory? grains, OutgoingMessage message)
    {
        if (message.ClientId is not { } clientId || message.IsKeywordReply)
        {
            return;
        }

        // Without the grains nobody can say the client consented; refusing is the safe side.
        var consent = (grains ?? throw new InvalidOperationException("The outbox needs the grain factory to check a client's consent."))
            .GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(message.ClinicId, clientId));
        var channel = message.Channel is MessageChannel.Sms ? ConsentChannel.Sms : ConsentChannel.Email;
        if (!await consent.MaySendAsync(channel))
        {
            throw new RuleViolation(OutboxRules.RecipientOptedOut, $"Client {clientId} opted out of {channel} messages; nothing was queued.");
        }
    }
}
