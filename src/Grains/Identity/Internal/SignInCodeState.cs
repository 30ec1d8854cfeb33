namespace VetActors.Grains.Identity.Internal;

internal sealed class SignInCodeState
{
    public string? CodeHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int AttemptsLeft { get; set; }

    /// <summary>When the codes of the last hour were sent, to cap how many go out.</summary>
    public List<DateTimeOffset> SentAt { get; set; } = [];
}
