using Grpc.Core;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;

namespace VetActors.GrpcApi.Tests.Admin;

public sealed class ClinicAdminServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.admin.v1.ClinicAdmin/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task CreateClinic_KeepsTheProfile()
    {
        var clinic = await CallAsync<GetClinicRequest, Clinic>("GetClinic", new GetClinicRequest { ClinicId = "clinic-a" });

        Assert.Equal(ClinicWorld.NewClinic("clinic-a", "P-clinic-a"), clinic);
        Assert.Equal(["clinic-a"], (await CallAsync<ListClinicsRequest, ListClinicsResponse>("ListClinics", new ListClinicsRequest())).ClinicIds);
    }

    [Fact]
    public async Task CreateClinic_SameId_IsAlreadyExists()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(ClinicWorld.NewClinic("clinic-a", "P-other"), ClinicWorld.PracticePassword));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task CreateClinic_PracticeIdOfAnotherClinic_IsAlreadyExistsAndCreatesNothing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(ClinicWorld.NewClinic("clinic-b", "p-clinic-A"), ClinicWorld.PracticePassword));
        var missing = await Assert.ThrowsAsync<RpcException>(() => CallAsync<GetClinicRequest, Clinic>("GetClinic", new GetClinicRequest { ClinicId = "clinic-b" }));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CreateClinic_InvalidFields_IsInvalidArgumentNamingEachField()
    {
        var clinic = ClinicWorld.NewClinic("clinic-b", "P-b");
        clinic.TimeZone = "Mars/Olympus";
        clinic.SmsNumber = "call me";
        clinic.PimsKind = PimsKind.Unspecified;

        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(clinic, "short"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        foreach (var field in new[] { "time_zone", "sms_number", "pims_kind", "practice_password" })
        {
            Assert.Contains(field, error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AgentKeys_ListShowsNoSecretAndRevokedKeyStaysListed()
    {
        await CallAsync<RevokeAgentKeyRequest, RevokeAgentKeyResponse>("RevokeAgentKey", new RevokeAgentKeyRequest { ClinicId = "clinic-a", KeyId = _world.AgentKeyId });

        var keys = await CallAsync<ListAgentKeysRequest, ListAgentKeysResponse>("ListAgentKeys", new ListAgentKeysRequest { ClinicId = "clinic-a" });

        var key = Assert.Single(keys.Keys);
        Assert.NotNull(key.RevokedAt);
        Assert.DoesNotContain(_world.AgentToken.Split('~')[3], keys.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAgentKey_Twice_IsFailedPrecondition()
    {
        var request = new RevokeAgentKeyRequest { ClinicId = "clinic-a", KeyId = _world.AgentKeyId };
        await CallAsync<RevokeAgentKeyRequest, RevokeAgentKeyResponse>("RevokeAgentKey", request);

        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync<RevokeAgentKeyRequest, RevokeAgentKeyResponse>("RevokeAgentKey", request));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task IssueAgentKey_UnknownClinic_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync<IssueAgentKeyRequest, IssuedAgentKey>(
            "IssueAgentKey", new IssueAgentKeyRequest { ClinicId = "clinic-z", Label = "x" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task InviteSiteAdministrator_WhenOneExists_IsAlreadyExists()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>(
            "InviteSiteAdministrator", new InviteSiteAdministratorRequest { ClinicId = "clinic-a", Username = "boss", Name = "Boss", Email = "boss@clinic-a.example" }));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task AdminRpc_WithStaffToken_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ListClinicsRequest, ListClinicsResponse>(
            Rpc + "ListClinics", new ListClinicsRequest(), _world.AdminToken));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private Task<Clinic> CreateAsync(Clinic clinic, string password) =>
        CallAsync<CreateClinicRequest, Clinic>("CreateClinic", new CreateClinicRequest { Clinic = clinic, PracticePassword = password });

    private Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request)
        where TRequest : class where TResponse : class => _host.InvokeAsync<TRequest, TResponse>(Rpc + method, request, ClinicWorld.Internal);
}
