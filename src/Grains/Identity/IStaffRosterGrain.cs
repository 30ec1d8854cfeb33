using VetActors.Actors;
using VetActors.Actors.Concurrency;

namespace VetActors.Grains.Identity;

/// <summary>
/// A clinic's staff (key <c>clinic-42/roster/staff</c>): members, roles and permissions, invitations, passwords,
/// second factors and lockouts. Rules that span members (unique usernames, the last active Site Administrator) live
/// here, in one grain. Methods taking <c>actorUserId</c> act for that signed-in member and check their rights.
/// </summary>
public interface IStaffRosterGrain : IGrainWithStringKey
{
    /// <summary>Invites the clinic's first Site Administrator (onboarding); ALREADY_EXISTS once there is one.</summary>
    Task<StaffMember> InviteFirstAdministratorAsync(string username, string name, string email);

    /// <summary>Adds a member and emails them an invitation. Site Administrators only.</summary>
    Task<StaffMember> AddMemberAsync(string actorUserId, StaffMemberDraft draft);

    /// <summary>Edits a member. Site Administrators only; nobody changes their own role or permissions.</summary>
    Task<StaffMember> UpdateMemberAsync(string actorUserId, string userId, StaffMemberDraft draft);

    /// <summary>Deactivates a member and refuses their sessions from now on.</summary>
    Task<StaffMember> DeactivateMemberAsync(string actorUserId, string userId);

    /// <summary>Sends a new invitation; the previous link stops working.</summary>
    Task<StaffMember> ResendInvitationAsync(string actorUserId, string userId);

    Task<IReadOnlyList<StaffMember>> ListMembersAsync();

    Task<StaffMember> GetMemberAsync(string userId);

    /// <summary>What invitation <paramref name="invitationId"/> is for; NOT_FOUND for an unknown, superseded or used link.</summary>
    Task<InvitationDetails> GetInvitationAsync(string invitationId, string secret);

    /// <summary>Sets the member's password (and second factor when required) and uses the invitation up.</summary>
    Task<StaffMember> AcceptInvitationAsync(string invitationId, string secret, string password, string? totpCode);

    /// <summary>The user login inside practice session <paramref name="practiceSessionId"/>: opens a user session.</summary>
    Task<StaffSignIn> SignInAsync(string username, string password, string? totpCode, string practiceSessionId);

    /// <summary>The member's current role and permissions when they may act; <c>null</c> when unknown or deactivated.</summary>
    [ReadOnly]
    Task<StaffPrincipal?> GetPrincipalAsync(string userId);

    /// <summary>Starts (or restarts) second-factor enrollment for the member themselves.</summary>
    Task<TotpEnrollment> BeginTotpEnrollmentAsync(string userId);

    /// <summary>Confirms enrollment with a first code from the app.</summary>
    Task ConfirmTotpEnrollmentAsync(string userId, string code);

    /// <summary>Whether Site Administrators must use a second factor. Enabling needs every active one enrolled.</summary>
    Task SetTotpRequiredAsync(string actorUserId, bool required);

    Task<bool> IsTotpRequiredAsync();
}
