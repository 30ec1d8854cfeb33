namespace VetActors.Grains.Consent.Internal;

/// <summary>
/// The automatic answers to keywords. Carrier guidelines (CTIA) ask that each names the sender, and that the
/// opt-out confirmation and the HELP answer say how to opt back in or out.
/// </summary>
internal static class SmsReplies
{
    internal static string OptedOut(ClinicContact clinic) =>
        $"{clinic.Name}: you are unsubscribed and will receive no more text messages from us. Reply START to resubscribe.";

    internal static string OptedIn(ClinicContact clinic) =>
        $"{clinic.Name}: you are subscribed to text messages again. Reply HELP for help, STOP to unsubscribe.";

    internal static string Help(ClinicContact clinic) =>
        $"{clinic.Name}: for help call us at {clinic.Phone}. Reply STOP to unsubscribe from text messages, START to resubscribe.";
}
