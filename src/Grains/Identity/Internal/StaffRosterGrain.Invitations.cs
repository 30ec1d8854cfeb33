using VetActors.Grains.Audit;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Identity.Internal;

internal sealed partial class StaffRosterGrain
{
    public async Task<StaffMember> ResendInvitationAsync(string actorUserId, string userId)
    {
        RequireAdministrator(actorUserId);
        var member = Find(userId);
        if (member.Status != StaffMemberStatus.Invited)
        {
            throw new RuleViolation("staff.not_invited", $"Staff member '{userId}' is {member.Status}: only invited members get a new link.");
        }

        var secret = NewInvitation(member);
        await SaveAsync(new AuditRecord(AuditActors.Staff(actorUserId), "staff.invitation_resent", member.UserId));
        await SendInvitationAsync(member, secret);
        return View(member);
    }

    public async Task<InvitationDetails> GetInvitationAsync(string invitationId, string secret)
    {
        var (member, invitation) = FindInvitation(invitationId, secret);
        if (RequiresTotp(member) && invitation.TotpSecret is null)
        {
            invitation.TotpSecret = Totp.NewSecret();
            await SaveAsync();
        }

        var totpUri = invitation.TotpSecret is { } totp ? Totp.ProvisioningUri(Options.TotpIssuer, member.Username, totp) : null;
        return new InvitationDetails(member.Username, member.Name, member.Role, invitation.ExpiresAt, invitation.TotpSecret, totpUri);
    }

    public async Task<StaffMember> AcceptInvitationAsync(string invitationId, string secret, string password, string? totpCode)
    {
        new Checks().Password("password", password, Options.MinimumPasswordLength).ThrowIfAny();
        var (member, invitation) = FindInvitation(invitationId, secret);
        long? totpStep = null;
        if (RequiresTotp(member))
        {
            if (invitation.TotpSecret is null)
            {
                throw new RuleViolation("staff.totp_setup_missing", "Open the invitation first to get the second-factor secret, then accept with a code.");
            }

            totpStep = Totp.Verify(invitation.TotpSecret, totpCode, time.GetUtcNow(), 0)
                ?? throw new ValidationException("totp_code", "is not the current code of the second-factor secret.");
        }

        member.PasswordHash = PasswordHasher.Hash(password, Options.PasswordHashIterations);
        if (totpStep is { } step)
        {
            member.TotpSecret = invitation.TotpSecret;
            member.TotpLastStep = step;
        }

        member.Invitation = null;
        member.Lockout.Reset();
        await SaveAsync(new AuditRecord(AuditActors.Staff(member.UserId), "staff.invitation_accepted", member.UserId, After: Describe(member)));
        return View(member);
    }

    /// <summary>Replaces any earlier invitation (its link stops working) and returns the new link's secret.</summary>
    private string NewInvitation(StaffMemberState member)
    {
        var secret = Secrets.NewSecret();
        member.Invitation = new InvitationState
        {
            Id = Secrets.NewId(),
            SecretHash = Secrets.Hash(secret),
            ExpiresAt = time.GetUtcNow() + Options.InvitationLifetime,
        };
        return secret;
    }

    private (StaffMemberState Member, InvitationState Invitation) FindInvitation(string invitationId, string secret)
    {
        var member = Members.Values.FirstOrDefault(m => m.Invitation?.Id == invitationId && !m.Deactivated);
        if (member?.Invitation is not { } invitation || !Secrets.Matches(secret, invitation.SecretHash))
        {
            throw new NotFoundException("staff.invitation_not_found", "This invitation link is not valid: it was used, replaced by a newer one, or never existed.");
        }

        if (time.GetUtcNow() >= invitation.ExpiresAt)
        {
            throw new RuleViolation("staff.invitation_expired", "This invitation has expired; ask a Site Administrator to send a new one.");
        }

        return (member, invitation);
    }

    private bool RequiresTotp(StaffMemberState member) =>
        member.Role == StaffRole.SiteAdministrator && state.State.TotpRequiredForAdministrators;

    private async Task SendInvitationAsync(StaffMemberState member, string secret)
    {
        var clinic = await GrainFactory.GetGrain<IClinicGrain>(GrainKeys.Clinic(ClinicId)).GetProfileAsync();
        var token = BearerToken.Format(BearerToken.InvitationKind, ClinicId, member.Invitation!.Id, secret);
        var body = $"""
            Hello {member.Name},

            {clinic.Name} has invited you to VetActors as {member.Role} with the username {member.Username}.
            Set your password here (the link works once, until {member.Invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC):

            {Options.InvitationLinkBase}{token}

            Invitation token: {token}
            """;
        await outbox.EnqueueAsync(new OutgoingMessage(ClinicId, MessageChannel.Email, member.Email, $"Your {clinic.Name} staff account", body));
    }
}
