using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>A second-factor secret to put in an authenticator app (base32 and its otpauth URI); confirmed with a first code.</summary>
[Immutable]
public sealed record TotpEnrollment(string Secret, string Uri);
