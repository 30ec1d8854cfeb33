using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Security.Internal;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Identity.V1;

namespace VetActors.GrpcApi.Tests.Security;

/// <summary>
/// The authorization matrix, generated from the service descriptors: every RPC of every service class (those added
/// later included) x every caller kind x own clinic / other clinic, asserting the declared outcome.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public static TheoryData<string> Rpcs() => [.. RpcNames()];

    private static IEnumerable<string> RpcNames() => ApiCatalog.Default.Methods.Select(m => m.Method.FullName).Order(StringComparer.Ordinal);

    public static TheoryData<string, MatrixCaller> RpcsByCaller()
    {
        var data = new TheoryData<string, MatrixCaller>();
        foreach (var rpc in RpcNames())
        {
            foreach (var caller in Enum.GetValues<MatrixCaller>())
            {
                data.Add(rpc, caller);
            }
        }

        return data;
    }

    /// <summary>RPCs bound to the caller's clinic (no Anonymous in their rule) x the clinic-bound kinds they allow x own/other clinic.</summary>
    public static TheoryData<string, Callers, bool> ClinicBoundCases()
    {
        var data = new TheoryData<string, Callers, bool>();
        foreach (var method in ApiCatalog.Default.Methods.OrderBy(m => m.Method.FullName, StringComparer.Ordinal))
        {
            if (method.Rule is not { } rule || rule.Callers.HasFlag(Callers.Anonymous))
            {
                continue;
            }

            foreach (var kind in new[] { Callers.PortalClient, Callers.PracticeSession, Callers.StaffUser, Callers.PimsAgent }.Where(k => rule.Callers.HasFlag(k)))
            {
                data.Add(method.Method.FullName, kind, true);
                data.Add(method.Method.FullName, kind, false);
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public void Catalog_FindsTheIdentityServices()
    {
        Assert.Contains(ApiCatalog.Default.Methods, m => m.Method.FullName == "/vetactors.identity.v1.SignIn/UserLogin");
        Assert.Contains(ApiCatalog.Default.Methods, m => m.Method.FullName == "/vetactors.admin.v1.ClinicAdmin/CreateClinic");
        Assert.Contains(ApiCatalog.Default.Methods, m => m.Method.FullName == "/vetactors.staff.v1.StaffAccess/AddStaffMember");
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public void EveryRpc_IsImplementedAndDeclaresWhoMayCallIt(string rpc)
    {
        var method = ApiCatalog.Default.Methods.Single(m => m.Method.FullName == rpc);

        Assert.True(method.Implementation is not null, $"{rpc} is not implemented by {method.ServiceType.Name}.");
        Assert.True(method.Rule is not null, $"{rpc} has no [Allow(...)] on {method.ServiceType.Name}.{method.Method.Name}: it would be refused to everyone.");
        Assert.NotEqual(Callers.None, method.Rule!.Callers);
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public void RequestsOfClinicBoundRpcs_CarryNoClinicId(string rpc)
    {
        // Grain keys come from the principal: a clinic id in the request of a clinic-bound RPC would invite its use.
        var method = ApiCatalog.Default.Methods.Single(m => m.Method.FullName == rpc);
        var open = Callers.Anonymous | Callers.InternalService;
        if (method.Rule is null || (method.Rule.Callers & ~open) == 0)
        {
            return;
        }

        var parameter = method.Implementation!.GetParameters()[0].ParameterType;
        var requestType = parameter.IsGenericType && parameter.GetGenericTypeDefinition() == typeof(IAsyncStreamReader<>)
            ? parameter.GetGenericArguments()[0]
            : parameter;
        var descriptor = (Google.Protobuf.Reflection.MessageDescriptor)requestType.GetProperty("Descriptor")!.GetValue(null)!;
        Assert.DoesNotContain(descriptor.Fields.InDeclarationOrder(), f => f.Name == "clinic_id");
    }

    [Theory]
    [MemberData(nameof(RpcsByCaller))]
    public async Task EveryRpc_ForEveryCaller_IsAuthorizedAsDeclared(string rpc, MatrixCaller caller)
    {
        var rule = ApiCatalog.Default.FindRule(rpc)!;
        var expected = await ExpectedAsync(rule, caller);
        var context = TestServerCallContext.WithToken(await TokenAsync(caller), rpc);

        var actual = StatusCode.OK;
        try
        {
            var principal = await _host.Authorization.AuthorizeAsync(context);
            Assert.Same(principal, context.GetPrincipal());
            Assert.Equal(caller is MatrixCaller.Anonymous or MatrixCaller.InternalService ? null : _world.ClinicId, principal.ClinicId);
        }
        catch (RpcException ex)
        {
            actual = ex.StatusCode;
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ClinicBoundCases))]
    public async Task ClinicBoundRpc_OwnOrOtherClinic_GetsDeclaredOutcomeAndLeavesOtherClinicUntouched(string rpc, Callers kind, bool ownClinic)
    {
        Assert.True(TenancySamples.All.TryGetValue(rpc, out var sample), $"{rpc} has no entry in TenancySamples: add one saying what own and other clinics get.");
        await using var host = new ApiTestHost();
        await host.InitializeAsync();
        var world = await TenancyWorld.CreateAsync(host);
        var caller = ownClinic ? world.A : world.B;
        var token = kind switch
        {
            Callers.PortalClient => caller.ClientToken,
            Callers.PracticeSession => caller.PracticeToken,
            Callers.StaffUser => caller.AdminToken,
            _ => caller.AgentToken,
        };
        if (sample!.Arrange is { } arrange)
        {
            await arrange(host, world);
        }

        var auditBefore = await AuditCountAsync(host.Grains, "clinic-a");

        var status = StatusCode.OK;
        object? response = null;
        try
        {
            response = sample!.Call is { } call ? await call(host, world, token) : await host.InvokeUntypedAsync(rpc, sample.Request!(world), token);
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
        }

        Assert.Equal(ownClinic ? sample!.OwnClinic : sample!.OtherClinic, status);
        if (!ownClinic)
        {
            Assert.Equal(auditBefore, await AuditCountAsync(host.Grains, "clinic-a"));
            Assert.DoesNotContain("clinic-a", response?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private static async Task<int> AuditCountAsync(IGrainFactory grains, string clinicId) =>
        (await AuditLog.For(grains, clinicId).ReadAsync(0, 500)).Count;

    private async Task<string?> TokenAsync(MatrixCaller caller)
    {
        switch (caller)
        {
            case MatrixCaller.Anonymous:
                return null;
            case MatrixCaller.PortalClient:
                return _world.ClientToken;
            case MatrixCaller.PracticeSession:
                return _world.PracticeToken;
            case MatrixCaller.SiteAdministrator:
                return _world.AdminToken;
            case MatrixCaller.PracticeManager:
                return _world.ManagerToken;
            case MatrixCaller.StaffMember:
                return _world.StaffToken;
            case MatrixCaller.PimsAgent:
                return _world.AgentToken;
            case MatrixCaller.InternalService:
                return ClinicWorld.Internal;
            case MatrixCaller.ForgedToken:
                var parts = _world.AdminToken.Split('~');
                return string.Join('~', parts[0], parts[1], parts[2], new string('A', parts[3].Length));
            default:
                var token = await _world.UserLoginAsync("manager");
                await _host.InvokeAsync<LogoutRequest, LogoutResponse>("/vetactors.identity.v1.SignIn/Logout", new LogoutRequest(), token);
                return token;
        }
    }

    private static Task<StatusCode> ExpectedAsync(AllowAttribute rule, MatrixCaller caller)
    {
        var principal = caller switch
        {
            MatrixCaller.Anonymous => Principal.Anonymous,
            MatrixCaller.PortalClient => Principal.PortalClient("clinic-a", "c", "s"),
            MatrixCaller.PracticeSession => Principal.PracticeSession("clinic-a", "s"),
            MatrixCaller.SiteAdministrator => Staff(StaffRole.SiteAdministrator, false),
            MatrixCaller.PracticeManager => Staff(StaffRole.PracticeManager, false),
            MatrixCaller.StaffMember => Staff(StaffRole.Staff, true),
            MatrixCaller.PimsAgent => Principal.PimsAgent("clinic-a", "agent-1"),
            MatrixCaller.InternalService => Principal.InternalService,
            _ => null,
        };
        var expected = principal is null ? StatusCode.Unauthenticated
            : rule.Allows(principal) ? StatusCode.OK
            : principal.Kind == Callers.Anonymous ? StatusCode.Unauthenticated
            : StatusCode.PermissionDenied;
        return Task.FromResult(expected);

        static Principal Staff(StaffRole role, bool refund) =>
            Principal.StaffUser("clinic-a", new StaffPrincipal("u", "u", role, StaffAccess.PermissionsFor(role, refund)), "s", "p");
    }
}
