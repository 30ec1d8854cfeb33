using System.Globalization;
using Microsoft.Extensions.Options;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Identity.Internal;

internal sealed partial class StaffRosterGrain(
    [PersistentState("roster")] IPersistentState<RosterState> state, TimeProvider time, IOptions<IdentityOptions> options, IOutbox outbox)
    : Grain, IStaffRosterGrain
{
    private IdentityOptions Options => options.Value;

    private string ClinicId => GrainKeys.ClinicIdOf(this.GetPrimaryKeyString());

    private Dictionary<string, StaffMemberState> Members => state.State.Members;

    public async Task<StaffMember> InviteFirstAdministratorAsync(string username, string name, string email)
    {
        var draft = new StaffMemberDraft(username, name, email, StaffRole.SiteAdministrator, ApplyRefund: false);
        Validate(draft);
        if (Members.Values.Any(m => m.Role == StaffRole.SiteAdministrator && !m.Deactivated))
        {
            throw new AlreadyExistsException("staff.first_admin_exists", "The clinic has a Site Administrator already; they invite the rest.");
        }

        return await AddAsync(AuditActors.InternalService, draft);
    }

    public async Task<StaffMember> AddMemberAsync(string actorUserId, StaffMemberDraft draft)
    {
        RequireAdministrator(actorUserId);
        Validate(draft);
        return await AddAsync(AuditActors.Staff(actorUserId), draft);
    }

    public async Task<StaffMember> UpdateMemberAsync(string actorUserId, string userId, StaffMemberDraft draft)
    {
        RequireAdministrator(actorUserId);
        Validate(draft);
        var member = Find(userId);
        if (member.Role == StaffRole.SiteAdministrator && draft.Role != StaffRole.SiteAdministrator)
        {
            RequireAnotherActiveAdministrator(member);
        }

        if (actorUserId == userId && (draft.Role != member.Role || draft.ApplyRefund != member.ApplyRefund))
        {
            throw new PermissionDeniedException("staff.own_permissions", "Nobody changes their own role or permissions; ask another Site Administrator.");
        }

        RequireUniqueUsername(draft.Username, except: member);

        if (draft.Role == StaffRole.SiteAdministrator && member.Role != StaffRole.SiteAdministrator &&
            state.State.TotpRequiredForAdministrators && member.Status == StaffMemberStatus.Active && member.TotpSecret is null)
        {
            throw new RuleViolation("staff.totp_required", "Site Administrators must use a second factor here: the member enrolls one first.");
        }

        var before = Describe(member);
        member.Username = draft.Username;
        member.Name = draft.Name;
        member.Email = draft.Email;
        member.Role = draft.Role;
        member.ApplyRefund = draft.ApplyRefund;
        await SaveAsync(new AuditRecord(AuditActors.Staff(actorUserId), "staff.updated", member.UserId, before, Describe(member)));
        return View(member);
    }

    public async Task<StaffMember> DeactivateMemberAsync(string actorUserId, string userId)
    {
        RequireAdministrator(actorUserId);
        var member = Find(userId);
        if (member.Deactivated)
        {
            return View(member);
        }

        if (member.Role == StaffRole.SiteAdministrator)
        {
            RequireAnotherActiveAdministrator(member);
        }

        if (actorUserId == userId)
        {
            throw new PermissionDeniedException("staff.own_deactivation", "Nobody deactivates themselves; ask another Site Administrator.");
        }

        var before = Describe(member);
        member.Deactivated = true;
        member.Invitation = null;
        await SaveAsync(new AuditRecord(AuditActors.Staff(actorUserId), "staff.deactivated", member.UserId, before, Describe(member)));
        return View(member);
    }

    public Task<IReadOnlyList<StaffMember>> ListMembersAsync() =>
        Task.FromResult<IReadOnlyList<StaffMember>>(Members.Values.OrderBy(m => m.Username, StringComparer.OrdinalIgnoreCase).Select(View).ToArray());

    public Task<StaffMember> GetMemberAsync(string userId) => Completed.From(() => View(Find(userId)));

    public Task<StaffPrincipal?> GetPrincipalAsync(string userId) =>
        Task.FromResult(Members.GetValueOrDefault(userId) is { Status: StaffMemberStatus.Active } m
            ? new StaffPrincipal(m.UserId, m.Username, m.Role, StaffAccess.PermissionsFor(m.Role, m.ApplyRefund))
            : null);

    private async Task<StaffMember> AddAsync(string actor, StaffMemberDraft draft)
    {
        RequireUniqueUsername(draft.Username, except: null);
        var member = new StaffMemberState
        {
            UserId = "u" + state.State.NextUserNumber.ToString(CultureInfo.InvariantCulture),
            Username = draft.Username,
            Name = draft.Name,
            Email = draft.Email,
            Role = draft.Role,
            ApplyRefund = draft.ApplyRefund,
        };
        state.State.NextUserNumber++;
        Members[member.UserId] = member;
        var secret = NewInvitation(member);
        await SaveAsync(new AuditRecord(actor, "staff.added", member.UserId, After: Describe(member)));
        await SendInvitationAsync(member, secret);
        return View(member);
    }

    private static void Validate(StaffMemberDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        new Checks()
            .Id("username", draft.Username)
            .Required("name", draft.Name)
            .Email("email", draft.Email)
            .That(Enum.IsDefined(draft.Role), "role", "must be Site Administrator, Practice Manager or Staff.")
            .ThrowIfAny();
    }

    private void RequireAdministrator(string actorUserId)
    {
        if (Members.GetValueOrDefault(actorUserId) is not { Status: StaffMemberStatus.Active, Role: StaffRole.SiteAdministrator })
        {
            throw new PermissionDeniedException("staff.not_administrator", "Only Site Administrators manage staff.");
        }
    }

    private void RequireUniqueUsername(string username, StaffMemberState? except)
    {
        if (Members.Values.Any(m => m != except && string.Equals(m.Username, username, StringComparison.OrdinalIgnoreCase)))
        {
            throw new AlreadyExistsException("staff.username_taken", $"Username '{username}' is taken in this clinic.");
        }
    }

    private void RequireAnotherActiveAdministrator(StaffMemberState member)
    {
        if (member.Status == StaffMemberStatus.Active &&
            !Members.Values.Any(m => m != member && m.Role == StaffRole.SiteAdministrator && m.Status == StaffMemberStatus.Active))
        {
            throw new RuleViolation("staff.last_administrator", "The clinic's last active Site Administrator cannot be demoted or deactivated.");
        }
    }

    private StaffMemberState Find(string userId) =>
        Members.GetValueOrDefault(userId) ?? throw new NotFoundException("staff.not_found", $"Staff member '{userId}' does not exist.");

    private StaffMember View(StaffMemberState m) => new(
        m.UserId, m.Username, m.Name, m.Email, m.Role, m.ApplyRefund, StaffAccess.PermissionsFor(m.Role, m.ApplyRefund), m.Status,
        m.TotpSecret is not null, m.Invitation?.ExpiresAt);

    private static string Describe(StaffMemberState m) =>
        $"username={m.Username}; name={m.Name}; email={m.Email}; role={m.Role}; apply_refund={m.ApplyRefund}; status={m.Status}";

    private Task SaveAsync() => state.WriteStateAsync();

    /// <summary>The one save path for changes worth auditing: state first, then its entry.</summary>
    private async Task SaveAsync(AuditRecord record)
    {
        await SaveAsync();
        await AuditLog.For(GrainFactory, ClinicId).AppendAsync(record);
    }
}
