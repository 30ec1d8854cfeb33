using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Identity.Internal;

internal sealed partial class StaffRosterGrain
{
    private string? _decoyHash;

    public async Task<StaffSignIn> SignInAsync(string username, string password, string? totpCode, string practiceSessionId)
    {
        var now = time.GetUtcNow();
        var member = Members.Values.FirstOrDefault(m => string.Equals(m.Username, username, StringComparison.OrdinalIgnoreCase));
        if (member is null)
        {
            // Same work as for a real account, so the answer's timing does not reveal which usernames exist.
            PasswordHasher.Verify(password ?? string.Empty, _decoyHash ??= PasswordHasher.Decoy(Options.PasswordHashIterations));
            await AuditLog.For(GrainFactory, ClinicId).AppendAsync(new AuditRecord(AuditActors.Practice(practiceSessionId), "staff.sign_in_failed", username ?? string.Empty));
            throw new AuthenticationFailedException();
        }

        var passwordMatches = PasswordHasher.Verify(password ?? string.Empty, member.PasswordHash ?? (_decoyHash ??= PasswordHasher.Decoy(Options.PasswordHashIterations)));
        var totpStep = member.TotpSecret is { } secret ? Totp.Verify(secret, totpCode, now, member.TotpLastStep) : null;
        var secondFactorOk = member.TotpSecret is null ? !RequiresTotp(member) : totpStep is not null;
        if (member.Status != StaffMemberStatus.Active || member.Lockout.IsLocked(now) || !passwordMatches || !secondFactorOk)
        {
            var lockedNow = member.Status == StaffMemberStatus.Active && !member.Lockout.IsLocked(now) && member.Lockout.RecordFailure(now, Options);
            await SaveAsync(new AuditRecord(
                AuditActors.Practice(practiceSessionId), lockedNow ? "staff.locked_out" : "staff.sign_in_failed", member.UserId));
            throw new AuthenticationFailedException();
        }

        member.Lockout.Reset();
        if (totpStep is { } step)
        {
            member.TotpLastStep = step;
        }

        var session = await Sessions.OpenAsync(
            GrainFactory, ClinicId, SessionKind.StaffUser, member.UserId, practiceSessionId, now + Options.UserSessionLifetime);
        await SaveAsync(new AuditRecord(AuditActors.Staff(member.UserId), "staff.signed_in", member.UserId, After: $"session {session.Id}"));
        return new StaffSignIn(session, new StaffPrincipal(member.UserId, member.Username, member.Role, StaffAccess.PermissionsFor(member.Role, member.ApplyRefund)));
    }
}
