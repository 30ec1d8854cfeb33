using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>
/// What an invitation link shows before it is accepted. <see cref="TotpSecret"/> is set when the member must enroll a
/// second factor while accepting (a Site Administrator of a clinic that requires it): base32, with its otpauth URI.
/// </summary>
[Immutable]
public sealed record InvitationDetails(string Username, string Name, StaffRole Role, DateTimeOffset ExpiresAt, string? TotpSecret, string? TotpUri);
