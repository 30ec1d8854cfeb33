using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>A staff member as shown to Site Administrators.</summary>
[Immutable]
public sealed record StaffMember(
    string UserId,
    string Username,
    string Name,
    string Email,
    StaffRole Role,
    bool ApplyRefund,
    StaffPermissions Permissions,
    StaffMemberStatus Status,
    bool TotpEnabled,
    DateTimeOffset? InvitationExpiresAt);
