using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>The contact details on a client record that a one-time sign-in code may be sent to.</summary>
[Immutable]
public sealed record ClientContact(string ClientId, string? Email, string? MobilePhone);
