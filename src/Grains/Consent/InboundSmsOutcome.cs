using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Consent;

/// <summary>
/// What an inbound text did. <see cref="Reply"/> is the one message to send back (opt-out and opt-in
/// confirmations, the HELP answer); when <see cref="Keyword"/> is <see cref="SmsKeywordKind.None"/> the text
/// changed nothing, there is no reply, and it belongs in the client's conversation.
/// </summary>
[Immutable]
public sealed record InboundSmsOutcome(SmsKeywordKind Keyword, string? Reply);
