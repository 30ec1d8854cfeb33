using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Staff.V1;
using VetActors.Protos.StaffSync.V1;
using PimsRecordKind = VetActors.Grains.Sync.PimsRecordKind;
using RecordKind = VetActors.Protos.Pims.V1.RecordKind;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>Held records as staff inspect them, the clinic's stale time, and staff sync actions as the clinic's audit log shows them.</summary>
public sealed class StaffSyncHeldAndAuditTests : IAsyncLifetime
{
    private const string Service = "/vetactors.staffsync.v1.StaffSync/";
    private const string PatientRaw = "{\"kind\":\"patient\",\"id\":\"p9\",\"client_id\":\"c9\",\"name\":\"Rex\"}";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;
    private string _sessionId = "";

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "42");
        _sessionId = (await Sync().ConnectAsync(new AgentHello("agent", "AVImark", "19", 0, true, null))).SessionId;
        await Sync().ApplyBatchAsync(_sessionId, new SyncBatch(1, [Client("c1"), Patient("p1", "c1", "Rex", null), Patient("p9", "c9", "Rex", PatientRaw)]));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private IPimsSyncGrain Sync() => _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("42"));

    private static PimsRecord Client(string id) =>
        new(PimsRecordKind.Client, id, 1) { Client = new PimsClientData("Ann", "Lee", null, ["5550102030"], "ann@example.com") };

    private static PimsRecord Patient(string id, string clientId, string name, string? raw) =>
        new(PimsRecordKind.Patient, id, 1)
        {
            Patient = new PimsPatientData(clientId, name, "canine", null, null, new DateOnly(2020, 1, 1), 12m, "kg", new DateOnly(2025, 12, 1), null, null, false, null),
            Raw = raw,
        };

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, string? token)
        where TRequest : class where TResponse : class => _world.CallAsync<TRequest, TResponse>(Service + method, request, token);

    private async Task<IReadOnlyList<AuditLogEntry>> AuditAsync() =>
        (await _world.CallAsync<ReadAuditLogRequest, ReadAuditLogResponse>(
            "/vetactors.staff.v1.StaffAccess/ReadAuditLog", new ReadAuditLogRequest { PageSize = 500 }, _world.AdminToken)).Entries;

    [Fact]
    public async Task ListHeldRecords_PatientWaitingForItsClient_ShownWithRawAndReason()
    {
        var held = await Call<ListHeldRecordsRequest, ListHeldRecordsResponse>("ListHeldRecords", new ListHeldRecordsRequest(), _world.StaffToken);

        var record = Assert.Single(held.Records);
        Assert.Equal((1L, RecordKind.Patient, "p9", "client:c9"), (record.Sequence, record.Kind, record.RecordId, record.WaitingFor));
        Assert.Equal("its client c9 has not arrived yet", record.Reason);
        Assert.Equal(PatientRaw, record.Raw);
    }

    [Fact]
    public async Task ListHeldRecords_AfterTheImportEndsWithoutTheClient_NoneHeldAndTheRecordListedAsRejected()
    {
        await Sync().ApplyBatchAsync(_sessionId, new SyncBatch(2, [], EndOfImport: true));

        var held = await Call<ListHeldRecordsRequest, ListHeldRecordsResponse>("ListHeldRecords", new ListHeldRecordsRequest(), _world.StaffToken);
        var rejected = await Call<ListRejectedRecordsRequest, ListRejectedRecordsResponse>("ListRejectedRecords", new ListRejectedRecordsRequest(), _world.StaffToken);

        Assert.Empty(held.Records);
        Assert.Equal(("p9", PatientRaw), (Assert.Single(rejected.Records).RecordId, rejected.Records[0].Raw));
    }

    [Fact]
    public async Task ListHeldRecords_AsAgentOrPortalClient_PermissionDenied()
    {
        foreach (var token in new[] { _world.AgentToken, _world.ClientToken })
        {
            var error = await Assert.ThrowsAsync<RpcException>(
                () => Call<ListHeldRecordsRequest, ListHeldRecordsResponse>("ListHeldRecords", new ListHeldRecordsRequest(), token));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }
    }

    [Fact]
    public async Task RenamePet_OverTheApi_AuditLogShowsTheCallerBothNamesAndTheReason()
    {
        await Call<RenamePetRequest, RenamePetResponse>(
            "RenamePet", new RenamePetRequest { PetId = PimsSyncKeys.PetIdFor("p1"), NewName = "Max", Reason = "Owner's request at check-in" }, _world.StaffToken);

        var entry = Assert.Single(await AuditAsync(), e => e.Action == "pet.renamed");
        Assert.Equal(("staff:" + _world.StaffUserId, "pet/" + PimsSyncKeys.PetIdFor("p1"), "Rex"), (entry.Actor, entry.Target, entry.Before));
        Assert.StartsWith("Max; reason: Owner's request at check-in;", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestResyncAndSetSyncPolicy_OverTheApi_BothAuditedWithTheirCaller()
    {
        await Call<RequestResyncRequest, RequestResyncResponse>("RequestResync", new RequestResyncRequest(), _world.StaffToken);
        await Call<SetSyncPolicyRequest, SetSyncPolicyResponse>(
            "SetSyncPolicy", new SetSyncPolicyRequest { Policy = new Protos.StaffSync.V1.SyncPolicy { AutoApplyClientPhone = true } }, _world.AdminToken);

        var entries = await AuditAsync();
        Assert.Equal("staff:" + _world.StaffUserId, Assert.Single(entries, e => e.Action == "sync.resync_requested").Actor);
        var policy = Assert.Single(entries, e => e.Action == "sync.policy_changed");
        Assert.Equal("staff:" + _world.AdminUserId, policy.Actor);
        Assert.Contains("client phone=on", policy.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStaleAfter_StaffMemberDenied_SiteAdministratorSetsIt_StatusShowsIt()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(
            () => Call<SetStaleAfterRequest, SetStaleAfterResponse>("SetStaleAfter", new SetStaleAfterRequest { StaleAfterSeconds = 600 }, _world.StaffToken));

        var set = await Call<SetStaleAfterRequest, SetStaleAfterResponse>("SetStaleAfter", new SetStaleAfterRequest { StaleAfterSeconds = 600 }, _world.AdminToken);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(600, set.StaleAfterSeconds);
        var status = await Call<GetIntegrationStatusRequest, GetIntegrationStatusResponse>("GetIntegrationStatus", new GetIntegrationStatusRequest(), _world.StaffToken);
        Assert.Equal(600, status.StaleAfterSeconds);
        Assert.Equal("10 min", Assert.Single(await AuditAsync(), e => e.Action == "sync.stale_after_changed").After);
    }

    [Fact]
    public async Task SetStaleAfter_OutOfRange_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Call<SetStaleAfterRequest, SetStaleAfterResponse>("SetStaleAfter", new SetStaleAfterRequest { StaleAfterSeconds = -5 }, _world.AdminToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
