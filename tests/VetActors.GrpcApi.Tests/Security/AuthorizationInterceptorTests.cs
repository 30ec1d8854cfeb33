using Grpc.Core;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Staff.V1;
using StaffMember = VetActors.Protos.Staff.V1.StaffMember;

namespace VetActors.GrpcApi.Tests.Security;

public sealed class AuthorizationInterceptorTests : IAsyncLifetime
{
    private const string WhoAmI = "/vetactors.identity.v1.SignIn/WhoAmI";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task UndeclaredRpc_IsRefusedEvenToTheInternalService()
    {
        var context = TestServerCallContext.WithToken(ClinicWorld.Internal, "/vetactors.test.v1.Unknown/Call");

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(context));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer vs~clinic-a~nope")]
    [InlineData("Bearer internal-service-test-key-0123456789abcdeX")]
    public async Task MalformedOrWrongCredential_IsUnauthenticated(string header)
    {
        var context = new TestServerCallContext(WhoAmI, new Metadata { { "authorization", header } });

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(context));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task SessionTokenNamingAnotherClinic_IsUnauthenticated()
    {
        // Swapping the clinic part of a token points at another clinic's session grain, which knows no such secret.
        var parts = _world.AdminToken.Split('~');
        var forged = string.Join('~', parts[0], "clinic-b", parts[2], parts[3]);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(forged, WhoAmI)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ExpiredUserSession_IsUnauthenticated()
    {
        _host.Time.Advance(TimeSpan.FromHours(8));

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.AdminToken, WhoAmI)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task UserSession_JustBeforeExpiry_IsAccepted()
    {
        _host.Time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));

        var principal = await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.AdminToken, WhoAmI));

        Assert.Equal(Callers.StaffUser, principal.Kind);
    }

    [Fact]
    public async Task EndingPracticeSession_EndsEveryUserSessionUnderIt()
    {
        await _host.InvokeAsync<EndPracticeSessionRequest, EndPracticeSessionResponse>(
            "/vetactors.identity.v1.SignIn/EndPracticeSession", new EndPracticeSessionRequest(), _world.PracticeToken);

        foreach (var token in new[] { _world.PracticeToken, _world.AdminToken, _world.ManagerToken, _world.StaffToken })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(token, WhoAmI)));
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }

        // Other callers are unaffected.
        await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.ClientToken, WhoAmI));
    }

    [Fact]
    public async Task Logout_EndsThatUsersSessionOnly()
    {
        await _host.InvokeAsync<LogoutRequest, LogoutResponse>("/vetactors.identity.v1.SignIn/Logout", new LogoutRequest(), _world.StaffToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ListStaffRequest, ListStaffResponse>(
            "/vetactors.staff.v1.StaffAccess/ListStaff", new ListStaffRequest(), _world.StaffToken));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var admin = await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.AdminToken, WhoAmI));
        Assert.Equal("admin", admin.Username);
        await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.PracticeToken, WhoAmI));
    }

    [Fact]
    public async Task DeactivatedMember_IsRefusedOnTheNextCall()
    {
        await _host.InvokeAsync<DeactivateStaffMemberRequest, StaffMember>(
            "/vetactors.staff.v1.StaffAccess/DeactivateStaffMember", new DeactivateStaffMemberRequest { UserId = _world.StaffUserId }, _world.AdminToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.StaffToken, WhoAmI)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task PermissionChange_AppliesToTheNextCall()
    {
        var before = await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.StaffToken, WhoAmI));
        await _host.InvokeAsync<UpdateStaffMemberRequest, StaffMember>(
            "/vetactors.staff.v1.StaffAccess/UpdateStaffMember",
            new UpdateStaffMemberRequest
            {
                UserId = _world.StaffUserId, Username = "frontdesk", Name = "Front Desk", Email = "frontdesk@clinic-a.example",
                Role = Protos.Common.V1.StaffRole.PracticeManager, ApplyRefund = false,
            },
            _world.AdminToken);

        var after = await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.StaffToken, WhoAmI));

        Assert.Equal(StaffPermissions.ApplyRefund, before.Permissions);
        Assert.Equal(StaffPermissions.Statements | StaffPermissions.PastReconciliations | StaffPermissions.BackOffice, after.Permissions);
    }

    [Fact]
    public async Task RevokedAgentKey_IsUnauthenticatedAndRotatedKeyWorks()
    {
        var rotated = await _host.InvokeAsync<RotateAgentKeyRequest, IssuedAgentKey>(
            "/vetactors.admin.v1.ClinicAdmin/RotateAgentKey", new RotateAgentKeyRequest { ClinicId = "clinic-a", KeyId = _world.AgentKeyId }, ClinicWorld.Internal);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(_world.AgentToken, WhoAmI)));
        var agent = await _host.Authorization.AuthorizeAsync(TestServerCallContext.WithToken(rotated.Key.Token, WhoAmI));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(Callers.PimsAgent, agent.Kind);
        Assert.Equal("agent-1", agent.AgentId);
    }

    [Fact]
    public async Task StaffWithoutPermission_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ReadAuditLogRequest, ReadAuditLogResponse>(
            "/vetactors.staff.v1.StaffAccess/ReadAuditLog", new ReadAuditLogRequest(), _world.ManagerToken));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task StreamingCall_IsAuthorizedBeforeTheHandlerReadsAnything()
    {
        var requests = new TestAsyncStreamReader<WhoAmIRequest>(new WhoAmIRequest(), new WhoAmIRequest());
        requests.Complete();
        var responses = new RecordingServerStreamWriter<WhoAmIResponse>();
        var handlerRan = false;

        var refused = await Assert.ThrowsAsync<RpcException>(() => _host.Authorization.DuplexStreamingServerHandler(
            requests, responses, TestServerCallContext.WithToken(null, WhoAmI), (_, _, _) =>
            {
                handlerRan = true;
                return Task.CompletedTask;
            }));
        await _host.Authorization.DuplexStreamingServerHandler(
            requests, responses, TestServerCallContext.WithToken(_world.AgentToken, WhoAmI), async (reader, writer, context) =>
            {
                while (await reader.MoveNext(context.CancellationToken))
                {
                    await writer.WriteAsync(new WhoAmIResponse { AgentId = context.GetPrincipal().AgentId });
                }
            });

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.False(handlerRan);
        Assert.Equal(["agent-1", "agent-1"], responses.Messages.Select(m => m.AgentId));
    }
}
