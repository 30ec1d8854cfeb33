using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>A bearer token handed out once (it is stored only hashed) and when it stops working (<c>null</c>: until revoked).</summary>
[Immutable]
public sealed record IssuedCredential(string Token, string Id, DateTimeOffset? ExpiresAt);
