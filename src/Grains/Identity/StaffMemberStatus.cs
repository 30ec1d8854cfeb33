namespace VetActors.Grains.Identity;

/// <summary>Where a staff member's account stands.</summary>
public enum StaffMemberStatus
{
    /// <summary>Added, invitation sent, no password set yet: cannot sign in.</summary>
    Invited = 1,

    /// <summary>Has set a password from an invitation.</summary>
    Active = 2,

    /// <summary>Deactivated: cannot sign in, every session refused.</summary>
    Deactivated = 3,
}
