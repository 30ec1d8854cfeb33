using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>A successful user login: the new user session and who signed in.</summary>
[Immutable]
public sealed record StaffSignIn(IssuedCredential Session, StaffPrincipal User);
