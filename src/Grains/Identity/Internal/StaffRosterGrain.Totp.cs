using VetActors.Grains.Audit;
using VetActors.Grains.Common;

namespace VetActors.Grains.Identity.Internal;

internal sealed partial class StaffRosterGrain
{
    public async Task<TotpEnrollment> BeginTotpEnrollmentAsync(string userId)
    {
        var member = Find(userId);
        member.PendingTotpSecret = Totp.NewSecret();
        await SaveAsync();
        return new TotpEnrollment(member.PendingTotpSecret, Totp.ProvisioningUri(Options.TotpIssuer, member.Username, member.PendingTotpSecret));
    }

    public async Task ConfirmTotpEnrollmentAsync(string userId, string code)
    {
        var member = Find(userId);
        if (member.PendingTotpSecret is null)
        {
            throw new RuleViolation("staff.totp_not_started", "Start second-factor enrollment first.");
        }

        var step = Totp.Verify(member.PendingTotpSecret, code, time.GetUtcNow(), 0)
            ?? throw new ValidationException("code", "is not the current code of the new second-factor secret.");
        var before = member.TotpSecret is null ? "totp=off" : "totp=on";
        member.TotpSecret = member.PendingTotpSecret;
        member.PendingTotpSecret = null;
        member.TotpLastStep = step;
        await SaveAsync(new AuditRecord(AuditActors.Staff(userId), "staff.totp_enrolled", userId, before, "totp=on"));
    }

    public async Task SetTotpRequiredAsync(string actorUserId, bool required)
    {
        RequireAdministrator(actorUserId);
        if (required == state.State.TotpRequiredForAdministrators)
        {
            return;
        }

        if (required)
        {
            var missing = Members.Values
                .Where(m => m.Role == StaffRole.SiteAdministrator && m.Status == StaffMemberStatus.Active && m.TotpSecret is null)
                .Select(m => m.Username)
                .ToList();
            if (missing.Count > 0)
            {
                throw new RuleViolation(
                    "staff.totp_enrollment_missing",
                    $"Every active Site Administrator enrolls a second factor before it is required; missing: {string.Join(", ", missing)}.");
            }
        }

        state.State.TotpRequiredForAdministrators = required;
        await SaveAsync(new AuditRecord(
            AuditActors.Staff(actorUserId), "security.totp_requirement_changed", ClinicId, $"required={!required}", $"required={required}"));
    }

    public Task<bool> IsTotpRequiredAsync() => Task.FromResult(state.State.TotpRequiredForAdministrators);
}
