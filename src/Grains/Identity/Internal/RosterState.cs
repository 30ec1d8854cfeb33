namespace VetActors.Grains.Identity.Internal;

internal sealed class RosterState
{
    public Dictionary<string, StaffMemberState> Members { get; set; } = [];

    public int NextUserNumber { get; set; } = 1;

    public bool TotpRequiredForAdministrators { get; set; }
}

internal sealed class StaffMemberState
{
    public string UserId { get; set; } = string.Empty;

    public string Username { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public StaffRole Role { get; set; }

    public bool ApplyRefund { get; set; }

    public bool Deactivated { get; set; }

    public string? PasswordHash { get; set; }

    public LockoutCounter Lockout { get; set; } = new();

    public string? TotpSecret { get; set; }

    public string? PendingTotpSecret { get; set; }

    public long TotpLastStep { get; set; }

    public InvitationState? Invitation { get; set; }

    public StaffMemberStatus Status => Deactivated ? StaffMemberStatus.Deactivated : PasswordHash is null ? StaffMemberStatus.Invited : StaffMemberStatus.Active;
}

internal sealed class InvitationState
{
    public string Id { get; set; } = string.Empty;

    public string SecretHash { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The second-factor secret offered while accepting, when the member's role requires one.</summary>
    public string? TotpSecret { get; set; }
}
