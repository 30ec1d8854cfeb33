using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>A live session: whose it is and until when. <see cref="SubjectId"/> is the user or client id (empty for a practice session).</summary>
[Immutable]
public sealed record SessionInfo(
    string ClinicId, string SessionId, SessionKind Kind, string SubjectId, string? PracticeSessionId, DateTimeOffset ExpiresAt);
