namespace VetActors.Grains.Identity.Internal;

internal sealed class SessionState
{
    public string? SecretHash { get; set; }

    public SessionKind Kind { get; set; }

    public string SubjectId { get; set; } = string.Empty;

    public string? PracticeSessionId { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
