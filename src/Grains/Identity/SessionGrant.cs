using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>What a session is opened with: the hash of its secret, its kind, subject, parent practice session and expiry.</summary>
[Immutable]
public sealed record SessionGrant(string SecretHash, SessionKind Kind, string SubjectId, string? PracticeSessionId, DateTimeOffset ExpiresAt);
