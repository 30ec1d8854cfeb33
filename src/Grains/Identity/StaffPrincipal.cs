using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>What the authorization layer needs of a signed-in staff member, read on every call so changes apply at once.</summary>
[Immutable]
public sealed record StaffPrincipal(string UserId, string Username, StaffRole Role, StaffPermissions Permissions);
