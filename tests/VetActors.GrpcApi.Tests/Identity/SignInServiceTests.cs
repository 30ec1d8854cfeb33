using Grpc.Core;
using VetActors.Grains.Audit;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Identity;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Identity.V1;

namespace VetActors.GrpcApi.Tests.Identity;

public sealed class SignInServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.identity.v1.SignIn/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("P-clinic-a", "wrong password 123")]
    [InlineData("P-unknown", ClinicWorld.PracticePassword)]
    [InlineData("", "")]
    public async Task PracticeLogin_WrongIdOrPassword_IsUnauthenticatedWithoutHint(string practiceId, string password)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => PracticeLoginAsync(practiceId, password));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(AuthenticationFailedException.GenericMessage, error.Status.Detail);
    }

    [Fact]
    public async Task PracticeLogin_PracticeIdIsCaseInsensitive()
    {
        var response = await PracticeLoginAsync("p-CLINIC-a", ClinicWorld.PracticePassword);

        Assert.Equal("clinic-a", response.ClinicId);
    }

    [Fact]
    public async Task PracticeLogin_AfterRepeatedFailures_RefusesEvenTheRightPasswordUntilLockoutEnds()
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => PracticeLoginAsync(_world.PracticeId, "wrong password " + i));
        }

        var locked = await Assert.ThrowsAsync<RpcException>(() => PracticeLoginAsync(_world.PracticeId, ClinicWorld.PracticePassword));
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        var after = await PracticeLoginAsync(_world.PracticeId, ClinicWorld.PracticePassword);

        Assert.Equal(StatusCode.Unauthenticated, locked.StatusCode);
        Assert.Equal(AuthenticationFailedException.GenericMessage, locked.Status.Detail);
        Assert.NotEmpty(after.Session.Token);
    }

    [Theory]
    [InlineData("admin", "wrong password here")]
    [InlineData("nobody", ClinicWorld.Password)]
    public async Task UserLogin_WrongUsernameOrPassword_IsUnauthenticatedWithoutHint(string username, string password)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _world.UserLoginAsync(username, password));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(AuthenticationFailedException.GenericMessage, error.Status.Detail);
    }

    [Fact]
    public async Task UserLogin_LockedAccount_AnswersLikeAWrongPasswordAndIsAudited()
    {
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => _world.UserLoginAsync("manager", "wrong password " + i));
        }

        var locked = await Assert.ThrowsAsync<RpcException>(() => _world.UserLoginAsync("manager"));
        var entries = await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500);

        Assert.Equal(AuthenticationFailedException.GenericMessage, locked.Status.Detail);
        Assert.Contains(entries, e => e.Action == "staff.locked_out");
        // Five wrong passwords (the fifth locks) and the right one refused while locked: each attempt is in the log.
        Assert.Equal(6, entries.Count(e => e.Action is "staff.sign_in_failed" or "staff.locked_out"));
    }

    [Fact]
    public async Task UserLogin_IsAuditedWithWhoAndWhen()
    {
        var entries = await AuditLog.For(_host.Grains, "clinic-a").ReadAsync(0, 500);

        var signIn = Assert.Single(entries, e => e.Action == "staff.signed_in" && e.Actor == AuditActors.Staff(_world.AdminUserId));
        Assert.Equal(_host.Time.GetUtcNow(), signIn.At);
    }

    [Fact]
    public async Task SwitchUser_EndsTheCallersSessionAndSignsTheOtherMemberIn()
    {
        var switched = await _host.InvokeAsync<UserLoginRequest, UserLoginResponse>(
            Rpc + "SwitchUser", new UserLoginRequest { Username = "manager", Password = ClinicWorld.Password }, _world.StaffToken);

        var old = await Assert.ThrowsAsync<RpcException>(() => WhoAmIAsync(_world.StaffToken));
        var now = await WhoAmIAsync(switched.Session.Token);
        Assert.Equal(StatusCode.Unauthenticated, old.StatusCode);
        Assert.Equal("manager", now.Username);
    }

    [Fact]
    public async Task WhoAmI_CalledDirectlyWithTestContext_DescribesThePrincipal()
    {
        var service = _host.Service<SignInService>();
        var context = TestServerCallContext.For(Principal.PimsAgent("clinic-a", "agent-7"));

        var response = await service.WhoAmI(new WhoAmIRequest(), context);

        Assert.Equal(CallerKind.PimsAgent, response.Kind);
        Assert.Equal("clinic-a", response.ClinicId);
        Assert.Equal("agent-7", response.AgentId);
    }

    [Fact]
    public async Task Totp_EnrolledMember_NeedsTheCurrentCodeAndCannotReplayIt()
    {
        var enrollment = await _host.InvokeAsync<BeginTotpEnrollmentRequest, BeginTotpEnrollmentResponse>(
            Rpc + "BeginTotpEnrollment", new BeginTotpEnrollmentRequest(), _world.ManagerToken);
        await _host.InvokeAsync<ConfirmTotpEnrollmentRequest, ConfirmTotpEnrollmentResponse>(
            Rpc + "ConfirmTotpEnrollment", new ConfirmTotpEnrollmentRequest { Code = TotpCode(enrollment.Secret) }, _world.ManagerToken);
        _host.Time.Advance(TimeSpan.FromSeconds(30));

        var withoutCode = await Assert.ThrowsAsync<RpcException>(() => _world.UserLoginAsync("manager"));
        var code = TotpCode(enrollment.Secret);
        var withCode = await LoginWithCodeAsync("manager", code);
        var replay = await Assert.ThrowsAsync<RpcException>(() => LoginWithCodeAsync("manager", code));

        Assert.Equal(StatusCode.Unauthenticated, withoutCode.StatusCode);
        Assert.NotEmpty(withCode.Session.Token);
        Assert.Equal(StatusCode.Unauthenticated, replay.StatusCode);
    }

    [Fact]
    public async Task ClientCode_RightCode_OpensPortalSessionBoundToClinicAndClient()
    {
        var who = await WhoAmIAsync(_world.ClientToken);

        Assert.Equal(CallerKind.PortalClient, who.Kind);
        Assert.Equal(("clinic-a", _world.ClientId), (who.ClinicId, who.ClientId));
    }

    [Fact]
    public async Task ClientCode_UnknownContact_AnswersTheSameAndSendsNothing()
    {
        var before = _host.Outbox.Messages.Count;

        await RequestCodeAsync("stranger@elsewhere.example");

        Assert.Equal(before, _host.Outbox.Messages.Count);
    }

    [Fact]
    public async Task ClientCode_AfterTenMinutes_IsRefused()
    {
        await RequestCodeAsync(_world.ClientEmail);
        var code = _world.LastCodeFor(_world.ClientEmail);
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<RpcException>(() => VerifyCodeAsync(code));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ClientCode_AfterFiveWrongGuesses_IsVoidEvenWhenRight()
    {
        await RequestCodeAsync(_world.ClientEmail);
        var code = _world.LastCodeFor(_world.ClientEmail);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => VerifyCodeAsync(wrong));
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => VerifyCodeAsync(code));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ClientCode_IsSingleUse()
    {
        await RequestCodeAsync(_world.ClientEmail);
        var code = _world.LastCodeFor(_world.ClientEmail);
        await VerifyCodeAsync(code);

        var error = await Assert.ThrowsAsync<RpcException>(() => VerifyCodeAsync(code));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ClientCode_MalformedRequest_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<RequestClientCodeRequest, RequestClientCodeResponse>(
            Rpc + "RequestClientCode", new RequestClientCodeRequest { ClinicId = "clinic/a", EmailOrMobile = "" }, null));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("clinic_id", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("email_or_mobile", error.Status.Detail, StringComparison.Ordinal);
    }

    private string TotpCode(string secret) =>
        Grains.Identity.Internal.Totp.Code(secret, Grains.Identity.Internal.Totp.StepAt(_host.Time.GetUtcNow()));

    private Task<UserLoginResponse> LoginWithCodeAsync(string username, string code) =>
        _host.InvokeAsync<UserLoginRequest, UserLoginResponse>(
            Rpc + "UserLogin", new UserLoginRequest { Username = username, Password = ClinicWorld.Password, TotpCode = code }, _world.PracticeToken);

    private Task<PracticeLoginResponse> PracticeLoginAsync(string practiceId, string password) =>
        _host.InvokeAsync<PracticeLoginRequest, PracticeLoginResponse>(
            Rpc + "PracticeLogin", new PracticeLoginRequest { PracticeId = practiceId, PracticePassword = password }, null);

    private Task<WhoAmIResponse> WhoAmIAsync(string token) =>
        _host.InvokeAsync<WhoAmIRequest, WhoAmIResponse>(Rpc + "WhoAmI", new WhoAmIRequest(), token);

    private Task<RequestClientCodeResponse> RequestCodeAsync(string contact) =>
        _host.InvokeAsync<RequestClientCodeRequest, RequestClientCodeResponse>(
            Rpc + "RequestClientCode", new RequestClientCodeRequest { ClinicId = "clinic-a", EmailOrMobile = contact }, null);

    private Task<VerifyClientCodeResponse> VerifyCodeAsync(string code) =>
        _host.InvokeAsync<VerifyClientCodeRequest, VerifyClientCodeResponse>(
            Rpc + "VerifyClientCode", new VerifyClientCodeRequest { ClinicId = "clinic-a", EmailOrMobile = _world.ClientEmail, Code = code }, null);
}
