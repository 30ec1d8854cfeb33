using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.StaffSync.V1;
using IntegrationState = VetActors.Protos.StaffSync.V1.IntegrationState;
using ReviewKind = VetActors.Protos.StaffSync.V1.ReviewKind;
using ReviewStatus = VetActors.Protos.StaffSync.V1.ReviewStatus;
using SyncPolicy = VetActors.Protos.StaffSync.V1.SyncPolicy;

namespace VetActors.GrpcApi.Tests.Sync;

public sealed class StaffSyncServiceTests : IAsyncLifetime
{
    private const string Service = "/vetactors.staffsync.v1.StaffSync/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "42");
        var sync = Sync();
        var session = await sync.ConnectAsync(new AgentHello("agent", "AVImark", "19", 0, true, null));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1", "Lee"), Patient("p1", "c1", "Rex"), Rx("rx1", "p1")], EndOfImport: true));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Client("c1", "Leigh", version: 2)]));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private IPimsSyncGrain Sync() => _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("42"));

    private static PimsRecord Client(string id, string last, long version = 1) =>
        new(PimsRecordKind.Client, id, version) { Client = new PimsClientData("Ann", last, new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"), ["5550102030"], "ann@example.com") };

    private static PimsRecord Patient(string id, string clientId, string name) =>
        new(PimsRecordKind.Patient, id, 1) { Patient = new PimsPatientData(clientId, name, "canine", null, null, new DateOnly(2020, 1, 1), 12m, "kg", new DateOnly(2025, 12, 1), null, null, false, null) };

    private static PimsRecord Rx(string id, string patientId) =>
        new(PimsRecordKind.Prescription, id, 1) { Prescription = new PimsPrescriptionData(patientId, "Carprofen", "active") };

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, string? token)
        where TRequest : class where TResponse : class => _world.CallAsync<TRequest, TResponse>(Service + method, request, token);

    [Fact]
    public async Task SearchClients_AsStaff_FindsByNameAndPhone()
    {
        var byName = await Call<SearchClientsRequest, SearchClientsResponse>("SearchClients", new SearchClientsRequest { Query = "ann lee" }, _world.StaffToken);
        var byPhone = await Call<SearchClientsRequest, SearchClientsResponse>("SearchClients", new SearchClientsRequest { Query = "010-2030" }, _world.StaffToken);

        Assert.Equal("c1", Assert.Single(byName.Clients).PimsId);
        Assert.Equal("c1", Assert.Single(byPhone.Clients).PimsId);
    }

    [Fact]
    public async Task SearchClients_RightAfterApprovingANameChange_FindsTheNewName()
    {
        Assert.Empty((await Call<SearchClientsRequest, SearchClientsResponse>("SearchClients", new SearchClientsRequest { Query = "leigh" }, _world.StaffToken)).Clients);
        var item = Assert.Single((await Call<ListReviewItemsRequest, ListReviewItemsResponse>("ListReviewItems", new ListReviewItemsRequest(), _world.StaffToken)).Items);

        await Call<ApproveReviewItemRequest, ApproveReviewItemResponse>("ApproveReviewItem", new ApproveReviewItemRequest { ItemId = item.Id }, _world.StaffToken);

        var hit = Assert.Single((await Call<SearchClientsRequest, SearchClientsResponse>("SearchClients", new SearchClientsRequest { Query = "leigh" }, _world.StaffToken)).Clients);
        Assert.Equal("c1", hit.PimsId);
    }

    [Fact]
    public async Task SearchClients_StaffOfAnotherClinic_SeesOnlyItsOwnClients()
    {
        var other = await ClinicWorld.CreateAsync(_host, "43");

        var theirs = await other.CallAsync<SearchClientsRequest, SearchClientsResponse>(
            Service + "SearchClients", new SearchClientsRequest { Query = "ann" }, other.StaffToken);

        Assert.Empty(theirs.Clients);
    }

    [Fact]
    public async Task SearchClients_BlankQuery_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Call<SearchClientsRequest, SearchClientsResponse>("SearchClients", new SearchClientsRequest { Query = " " }, _world.StaffToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task SearchClients_AsAgentOrPortalClient_PermissionDenied()
    {
        foreach (var token in new[] { _world.AgentToken, _world.ClientToken })
        {
            var error = await Assert.ThrowsAsync<RpcException>(
                () => Call<SearchClientsRequest, SearchClientsResponse>("SearchClients", new SearchClientsRequest { Query = "lee" }, token));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }
    }

    [Fact]
    public async Task GetClientProfile_PetsWithSignalmentAndDataAsOf()
    {
        var profile = await Call<GetClientProfileRequest, GetClientProfileResponse>(
            "GetClientProfile", new GetClientProfileRequest { ClientId = PimsSyncKeys.ClientIdFor("c1") }, _world.StaffToken);

        var pet = Assert.Single(profile.Pets);
        Assert.Equal(("Rex", 12.0), (pet.Name, pet.Weight));
        Assert.NotNull(pet.DataAsOf);
        Assert.NotNull(profile.DataAsOf);
    }

    [Fact]
    public async Task GetClientProfile_Unknown_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => Call<GetClientProfileRequest, GetClientProfileResponse>("GetClientProfile", new GetClientProfileRequest { ClientId = "nobody" }, _world.StaffToken));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ReviewQueue_ApproveHeldNameChange_AppliedAndAuditedWithCaller()
    {
        var queue = await Call<ListReviewItemsRequest, ListReviewItemsResponse>("ListReviewItems", new ListReviewItemsRequest(), _world.StaffToken);
        var item = Assert.Single(queue.Items);
        Assert.Equal(ReviewKind.ClientName, item.Kind);

        var approved = await Call<ApproveReviewItemRequest, ApproveReviewItemResponse>("ApproveReviewItem", new ApproveReviewItemRequest { ItemId = item.Id }, _world.StaffToken);

        Assert.Equal(ReviewStatus.Approved, approved.Item.Status);
        Assert.Equal(_world.StaffUserId, approved.Item.ResolvedBy);
        Assert.Equal("Leigh", (await _host.Grains.GetGrain<IClientGrain>(VetActors.Grains.Common.GrainKeys.Client("42", PimsSyncKeys.ClientIdFor("c1"))).GetProfileAsync()).Details.LastName);
    }

    [Fact]
    public async Task DismissReviewItem_Twice_FailedPrecondition()
    {
        var item = Assert.Single((await Call<ListReviewItemsRequest, ListReviewItemsResponse>("ListReviewItems", new ListReviewItemsRequest(), _world.StaffToken)).Items);
        await Call<DismissReviewItemRequest, DismissReviewItemResponse>("DismissReviewItem", new DismissReviewItemRequest { ItemId = item.Id, Note = "typo" }, _world.StaffToken);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => Call<DismissReviewItemRequest, DismissReviewItemResponse>("DismissReviewItem", new DismissReviewItemRequest { ItemId = item.Id }, _world.StaffToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task RenamePet_WithReason_PrescriptionsFlagged()
    {
        var renamed = await Call<RenamePetRequest, RenamePetResponse>(
            "RenamePet", new RenamePetRequest { PetId = PimsSyncKeys.PetIdFor("p1"), NewName = "Rexford", Reason = "Owner's request" }, _world.StaffToken);

        Assert.Equal(("Rex", "Rexford"), (renamed.OldName, renamed.NewName));
        Assert.Equal(["rx1"], renamed.FlaggedPrescriptionIds);
    }

    [Fact]
    public async Task RenamePet_WithoutReason_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Call<RenamePetRequest, RenamePetResponse>(
            "RenamePet", new RenamePetRequest { PetId = PimsSyncKeys.PetIdFor("p1"), NewName = "Rexford" }, _world.StaffToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task SetSyncPolicy_StaffMember_PermissionDeniedSiteAdministrator_Allowed()
    {
        var request = new SetSyncPolicyRequest { Policy = new SyncPolicy { AutoApplyClientName = true } };

        var denied = await Assert.ThrowsAsync<RpcException>(() => Call<SetSyncPolicyRequest, SetSyncPolicyResponse>("SetSyncPolicy", request, _world.StaffToken));
        var set = await Call<SetSyncPolicyRequest, SetSyncPolicyResponse>("SetSyncPolicy", request, _world.AdminToken);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.True(set.Policy.AutoApplyClientName);
        Assert.True((await Call<GetSyncPolicyRequest, GetSyncPolicyResponse>("GetSyncPolicy", new GetSyncPolicyRequest(), _world.StaffToken)).Policy.AutoApplyClientName);
    }

    [Fact]
    public async Task GetIntegrationStatus_AfterImport_LiveWithSessionHistory()
    {
        var status = await Call<GetIntegrationStatusRequest, GetIntegrationStatusResponse>("GetIntegrationStatus", new GetIntegrationStatusRequest(), _world.ManagerToken);

        Assert.Equal(IntegrationState.Live, status.State);
        Assert.Equal(2, status.LastAppliedSequence);
        Assert.Equal("agent", Assert.Single(status.Sessions).AgentId);
    }
}
