namespace VetActors.Grains.Consent;

/// <summary>
/// The one place inbound texts are read as consent keywords: the standard opt-out words (STOP, STOPALL,
/// UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT), the opt-in words (START, UNSTOP, YES) and HELP, matched as
/// the whole text, case-insensitively, ignoring surrounding whitespace. "Stop by tomorrow?" is a message.
/// </summary>
public static class SmsKeywords
{
    /// <summary>What <paramref name="text"/> means to consent handling.</summary>
    public static SmsKeywordKind Classify(string? text) => Normalize(text) switch
    {
        "STOP" or "STOPALL" or "UNSUBSCRIBE" or "CANCEL" or "END" or "QUIT" or "REVOKE" or "OPTOUT" => SmsKeywordKind.OptOut,
        "START" or "UNSTOP" or "YES" => SmsKeywordKind.OptIn,
        "HELP" => SmsKeywordKind.Help,
        _ => SmsKeywordKind.None,
    };

    /// <summary>The text as a keyword is recorded: trimmed and upper case.</summary>
    public static string Normalize(string? text) => (text ?? "").Trim().ToUpperInvariant();
}
