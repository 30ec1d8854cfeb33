using Grpc.Core;
using VetActors.Grains.Audit;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Staff.V1;
using CommonRole = VetActors.Protos.Common.V1.StaffRole;
using Permission = VetActors.Protos.Common.V1.StaffPermission;

namespace VetActors.GrpcApi.Tests.Staff;

public sealed class StaffAccessServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.staff.v1.StaffAccess/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task AddStaffMember_GrantsRolePermissionsAndEmailsAnInvitation()
    {
        var member = await AddAsync("vet1", "vet1@clinic-a.example", CommonRole.PracticeManager, applyRefund: true);

        Assert.Equal(StaffMemberStatus.Invited, member.Status);
        Assert.Equal(
            [Permission.Statements, Permission.PastReconciliations, Permission.BackOffice, Permission.ApplyRefund],
            member.Permissions);
        Assert.NotNull(member.InvitationExpiresAt);
        Assert.StartsWith("vi~clinic-a~", _world.InvitationTokenFor("vet1@clinic-a.example"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddStaffMember_StaffRoleWithoutOptions_HasNoPermissions()
    {
        var member = await AddAsync("desk2", "desk2@clinic-a.example", CommonRole.Staff, applyRefund: false);

        Assert.Empty(member.Permissions);
    }

    [Fact]
    public async Task AddStaffMember_DuplicateUsername_IsAlreadyExistsAndChangesNothing()
    {
        var before = await ListAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => AddAsync("MANAGER", "other@clinic-a.example", CommonRole.Staff, false));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal(before, await ListAsync());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Name <a@b.example>")]
    [InlineData("")]
    public async Task AddStaffMember_MalformedEmail_IsInvalidArgumentAndChangesNothing(string email)
    {
        var before = await ListAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => AddAsync("newbie", email, CommonRole.Staff, false));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("email", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await ListAsync());
    }

    [Fact]
    public async Task AddStaffMember_UnspecifiedRole_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => AddAsync("newbie", "newbie@clinic-a.example", CommonRole.Unspecified, false));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task AddStaffMember_ByPracticeManager_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<AddStaffMemberRequest, StaffMember>(
            Rpc + "AddStaffMember", new AddStaffMemberRequest { Username = "x", Name = "X", Email = "x@clinic-a.example", Role = CommonRole.Staff }, _world.ManagerToken));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task AcceptInvitation_WeakPassword_IsInvalidArgumentAndLinkStillWorks()
    {
        await AddAsync("vet1", "vet1@clinic-a.example", CommonRole.Staff, false);

        var weak = await Assert.ThrowsAsync<RpcException>(() => _world.AcceptAsync("vet1@clinic-a.example", "short1"));
        var accepted = await _world.AcceptAsync("vet1@clinic-a.example");

        Assert.Equal(StatusCode.InvalidArgument, weak.StatusCode);
        Assert.Contains("at least 12", weak.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("vet1", accepted.Username);
    }

    [Fact]
    public async Task AcceptInvitation_Reused_IsNotFound()
    {
        await AddAsync("vet1", "vet1@clinic-a.example", CommonRole.Staff, false);
        await _world.AcceptAsync("vet1@clinic-a.example");

        var error = await Assert.ThrowsAsync<RpcException>(() => _world.AcceptAsync("vet1@clinic-a.example", "another password 99"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.NotEmpty(await _world.UserLoginAsync("vet1"));
    }

    [Fact]
    public async Task AcceptInvitation_After72Hours_IsFailedPreconditionAndResendWorks()
    {
        var member = await AddAsync("vet1", "vet1@clinic-a.example", CommonRole.Staff, false);
        var oldToken = _world.InvitationTokenFor("vet1@clinic-a.example");
        _host.Time.Advance(TimeSpan.FromHours(72));

        var expired = await Assert.ThrowsAsync<RpcException>(() => _world.AcceptAsync("vet1@clinic-a.example"));
        await _world.SignInAgainAsync();
        await _host.InvokeAsync<ResendInvitationRequest, StaffMember>(Rpc + "ResendInvitation", new ResendInvitationRequest { UserId = member.UserId }, _world.AdminToken);
        var superseded = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<AcceptInvitationRequest, AcceptInvitationResponse>(
            "/vetactors.identity.v1.SignIn/AcceptInvitation", new AcceptInvitationRequest { Token = oldToken, Password = ClinicWorld.Password }, null));
        var accepted = await _world.AcceptAsync("vet1@clinic-a.example");

        Assert.Equal(StatusCode.FailedPrecondition, expired.StatusCode);
        Assert.Equal(StatusCode.NotFound, superseded.StatusCode);
        Assert.Equal("vet1", accepted.Username);
    }

    [Fact]
    public async Task UpdateStaffMember_OwnRole_IsPermissionDenied()
    {
        await _world.AddMemberAndSignInAsync("admin2", CommonRole.SiteAdministrator, applyRefund: false);

        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(_world.AdminUserId, "admin", CommonRole.PracticeManager, applyRefund: false));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task UpdateStaffMember_OwnPermission_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(_world.AdminUserId, "admin", CommonRole.SiteAdministrator, applyRefund: true));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task LastActiveSiteAdministrator_CannotBeDemoted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(_world.AdminUserId, "admin", CommonRole.PracticeManager, applyRefund: false));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("last active Site Administrator", error.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await ListAsync()).Members, m => m.Role == CommonRole.SiteAdministrator);
    }

    [Fact]
    public async Task LastActiveSiteAdministrator_CannotBeDeactivated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<DeactivateStaffMemberRequest, StaffMember>(
            Rpc + "DeactivateStaffMember", new DeactivateStaffMemberRequest { UserId = _world.AdminUserId }, _world.AdminToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(StaffMemberStatus.Active, (await ListAsync()).Members.Single(m => m.UserId == _world.AdminUserId).Status);
    }

    [Fact]
    public async Task SiteAdministrator_WithAnotherAdministrator_StillCannotChangeOwnRole()
    {
        var (secondToken, _) = await _world.AddMemberAndSignInAsync("admin2", CommonRole.SiteAdministrator, applyRefund: false);

        var own = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(_world.AdminUserId, "admin", CommonRole.Staff, false));
        var byOther = await UpdateAsync(_world.AdminUserId, "admin", CommonRole.Staff, false, secondToken);

        Assert.Equal(StatusCode.PermissionDenied, own.StatusCode);
        Assert.Equal(CommonRole.Staff, byOther.Role);
    }

    [Fact]
    public async Task DeactivatedMember_CannotSignInAnyMore()
    {
        await _host.InvokeAsync<DeactivateStaffMemberRequest, StaffMember>(
            Rpc + "DeactivateStaffMember", new DeactivateStaffMemberRequest { UserId = _world.StaffUserId }, _world.AdminToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => _world.UserLoginAsync("frontdesk"));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ReadAuditLog_ShowsStaffChangesWithBeforeAndAfter()
    {
        await UpdateAsync(_world.StaffUserId, "frontdesk", CommonRole.Staff, applyRefund: false);

        var log = await _host.InvokeAsync<ReadAuditLogRequest, ReadAuditLogResponse>(Rpc + "ReadAuditLog", new ReadAuditLogRequest(), _world.AdminToken);

        var change = Assert.Single(log.Entries, e => e.Action == "staff.updated");
        Assert.Equal(AuditActors.Staff(_world.AdminUserId), change.Actor);
        Assert.Contains("apply_refund=True", change.Before, StringComparison.Ordinal);
        Assert.Contains("apply_refund=False", change.After, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Action == "agent_key.issued");
        Assert.Contains(log.Entries, e => e.Action == "practice.signed_in");
        Assert.Equal(log.Entries.Select(e => e.Sequence), log.Entries.Select(e => e.Sequence).Order());
    }

    [Fact]
    public async Task SetTotpRequirement_WithUnenrolledAdministrator_IsFailedPrecondition()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<SetTotpRequirementRequest, SecuritySettings>(
            Rpc + "SetTotpRequirement", new SetTotpRequirementRequest { Required = true }, _world.AdminToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("admin", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TotpRequired_NewAdministrator_EnrollsWhileAcceptingTheInvitation()
    {
        var enrollment = await _host.InvokeAsync<BeginTotpEnrollmentRequest, BeginTotpEnrollmentResponse>(
            "/vetactors.identity.v1.SignIn/BeginTotpEnrollment", new BeginTotpEnrollmentRequest(), _world.AdminToken);
        await _host.InvokeAsync<ConfirmTotpEnrollmentRequest, ConfirmTotpEnrollmentResponse>(
            "/vetactors.identity.v1.SignIn/ConfirmTotpEnrollment", new ConfirmTotpEnrollmentRequest { Code = Code(enrollment.Secret) }, _world.AdminToken);
        await _host.InvokeAsync<SetTotpRequirementRequest, SecuritySettings>(Rpc + "SetTotpRequirement", new SetTotpRequirementRequest { Required = true }, _world.AdminToken);
        await AddAsync("admin2", "admin2@clinic-a.example", CommonRole.SiteAdministrator, false);
        var token = _world.InvitationTokenFor("admin2@clinic-a.example");

        var invitation = await _host.InvokeAsync<GetInvitationRequest, GetInvitationResponse>(
            "/vetactors.identity.v1.SignIn/GetInvitation", new GetInvitationRequest { Token = token }, null);
        var withoutCode = await Assert.ThrowsAsync<RpcException>(() => _world.AcceptAsync("admin2@clinic-a.example"));
        await _host.InvokeAsync<AcceptInvitationRequest, AcceptInvitationResponse>(
            "/vetactors.identity.v1.SignIn/AcceptInvitation",
            new AcceptInvitationRequest { Token = token, Password = ClinicWorld.Password, TotpCode = Code(invitation.TotpSecret) }, null);

        Assert.StartsWith("otpauth://totp/", invitation.TotpUri, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, withoutCode.StatusCode);
    }

    [Fact]
    public async Task GetStaffMember_ReturnsTheMember_UnknownIdIsNotFound()
    {
        var member = await _host.InvokeAsync<GetStaffMemberRequest, StaffMember>(
            Rpc + "GetStaffMember", new GetStaffMemberRequest { UserId = _world.StaffUserId }, _world.AdminToken);
        var missing = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<GetStaffMemberRequest, StaffMember>(
            Rpc + "GetStaffMember", new GetStaffMemberRequest { UserId = "u999" }, _world.AdminToken));

        Assert.Equal(("frontdesk", StaffMemberStatus.Active, true), (member.Username, member.Status, member.ApplyRefund));
        Assert.Equal([Permission.ApplyRefund], member.Permissions);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetSecuritySettings_IsReadableByAnyStaffMember()
    {
        var settings = await _host.InvokeAsync<GetSecuritySettingsRequest, SecuritySettings>(
            Rpc + "GetSecuritySettings", new GetSecuritySettingsRequest(), _world.StaffToken);

        Assert.False(settings.TotpRequiredForSiteAdministrators);
    }

    [Fact]
    public async Task ConfirmTotpEnrollment_WrongCode_IsInvalidArgumentAndEnrollsNothing()
    {
        await _host.InvokeAsync<BeginTotpEnrollmentRequest, BeginTotpEnrollmentResponse>(
            "/vetactors.identity.v1.SignIn/BeginTotpEnrollment", new BeginTotpEnrollmentRequest(), _world.AdminToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ConfirmTotpEnrollmentRequest, ConfirmTotpEnrollmentResponse>(
            "/vetactors.identity.v1.SignIn/ConfirmTotpEnrollment", new ConfirmTotpEnrollmentRequest { Code = "12345" }, _world.AdminToken));
        var admin = await _host.InvokeAsync<GetStaffMemberRequest, StaffMember>(
            Rpc + "GetStaffMember", new GetStaffMemberRequest { UserId = _world.AdminUserId }, _world.AdminToken);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(admin.TotpEnabled);
    }

    private string Code(string secret) => Grains.Identity.Internal.Totp.Code(secret, Grains.Identity.Internal.Totp.StepAt(_host.Time.GetUtcNow()));

    private Task<StaffMember> AddAsync(string username, string email, CommonRole role, bool applyRefund) =>
        _host.InvokeAsync<AddStaffMemberRequest, StaffMember>(
            Rpc + "AddStaffMember", new AddStaffMemberRequest { Username = username, Name = username, Email = email, Role = role, ApplyRefund = applyRefund }, _world.AdminToken);

    private Task<StaffMember> UpdateAsync(string userId, string username, CommonRole role, bool applyRefund, string? token = null) =>
        _host.InvokeAsync<UpdateStaffMemberRequest, StaffMember>(
            Rpc + "UpdateStaffMember",
            new UpdateStaffMemberRequest { UserId = userId, Username = username, Name = username, Email = $"{username}@clinic-a.example", Role = role, ApplyRefund = applyRefund },
            token ?? _world.AdminToken);

    private Task<ListStaffResponse> ListAsync(string? token = null) =>
        _host.InvokeAsync<ListStaffRequest, ListStaffResponse>(Rpc + "ListStaff", new ListStaffRequest(), token ?? _world.AdminToken);
}
