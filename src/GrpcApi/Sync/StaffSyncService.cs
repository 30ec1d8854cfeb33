using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Identity;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Security;
using VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>Staff tools for the PIMS integration: search, client profile, review queue, merges, renames, status, policy.</summary>
internal sealed partial class StaffSyncService(IGrainFactory grains, IClientSearch search) : StaffSync.StaffSyncBase
{
    // Not a grain call: searches read the clinic's published index, so 50 at once do not queue on the sync grain.
    [Allow(Callers.StaffUser)]
    public override async Task<SearchClientsResponse> SearchClients(SearchClientsRequest request, ServerCallContext context) =>
        new()
        {
            Clients = { (await search.SearchAsync(context.GetClinicId(), request.Query, request.Limit, context.CancellationToken)).Clients.Select(h => h.ToProto()) },
        };

    [Allow(Callers.StaffUser)]
    public override async Task<GetClientProfileResponse> GetClientProfile(GetClientProfileRequest request, ServerCallContext context)
    {
        var client = grains.GetGrain<IClientGrain>(GrainKeys.Client(context.GetClinicId(), request.ClientId));
        var profile = await client.GetProfileAsync();
        var response = profile.ToProto(await client.GetPetsAsync());
        var consent = await grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(context.GetClinicId(), request.ClientId)).GetStatusAsync();
        response.SmsOptOutIndicator = consent.ShowSmsOptOutIndicator;
        return response;
    }

    [Allow(Callers.StaffUser)]
    public override async Task<ListReviewItemsResponse> ListReviewItems(ListReviewItemsRequest request, ServerCallContext context) =>
        new() { Items = { (await Sync(context).GetReviewQueueAsync(request.IncludeResolved)).Select(i => i.ToProto()) } };

    [Allow(Callers.StaffUser)]
    public override async Task<ApproveReviewItemResponse> ApproveReviewItem(ApproveReviewItemRequest request, ServerCallContext context) =>
        new()
        {
            Item = (await Sync(context).ApproveAsync(
                request.ItemId, context.GetStaffUserId(), string.IsNullOrEmpty(request.ChosenClientId) ? null : request.ChosenClientId)).ToProto(),
        };

    [Allow(Callers.StaffUser)]
    public override async Task<DismissReviewItemResponse> DismissReviewItem(DismissReviewItemRequest request, ServerCallContext context) =>
        new() { Item = (await Sync(context).DismissAsync(request.ItemId, context.GetStaffUserId(), request.Note)).ToProto() };

    [Allow(Callers.StaffUser)]
    public override async Task<ListMergesResponse> ListMerges(ListMergesRequest request, ServerCallContext context) =>
        new() { Merges = { (await Sync(context).GetMergesAsync()).Select(m => m.ToProto()) } };

    [Allow(Callers.StaffUser)]
    public override async Task<UndoMergeResponse> UndoMerge(UndoMergeRequest request, ServerCallContext context) =>
        new() { Merge = (await Sync(context).UndoMergeAsync(request.MergeId, context.GetStaffUserId())).ToProto() };

    [Allow(Callers.StaffUser)]
    public override async Task<RenamePetResponse> RenamePet(RenamePetRequest request, ServerCallContext context)
    {
        var change = await grains.GetGrain<IPetGrain>(GrainKeys.Pet(context.GetClinicId(), request.PetId))
            .RenameAsync(request.NewName, request.Reason, context.GetStaffUserId());
        return new RenamePetResponse
        {
            OldName = change.OldName,
            NewName = change.NewName,
            FlaggedPrescriptionIds = { change.FlaggedPrescriptionIds },
            ChangedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(change.ChangedAt),
        };
    }

    [Allow(Callers.StaffUser)]
    public override async Task<GetIntegrationStatusResponse> GetIntegrationStatus(GetIntegrationStatusRequest request, ServerCallContext context)
    {
        var sync = Sync(context);
        return (await sync.GetStatusAsync()).ToProto(await sync.GetSessionsAsync());
    }

    [Allow(Callers.StaffUser)]
    public override async Task<ListRejectedRecordsResponse> ListRejectedRecords(ListRejectedRecordsRequest request, ServerCallContext context) =>
        new() { Records = { (await Sync(context).GetRejectedAsync()).Select(r => r.ToProto()) } };

    [Allow(Callers.StaffUser)]
    public override async Task<GetSyncPolicyResponse> GetSyncPolicy(GetSyncPolicyRequest request, ServerCallContext context) =>
        new() { Policy = (await Sync(context).GetPolicyAsync()).ToProto() };

    // Loosening the policy is a Site Administrator's decision; ManageStaff is the permission only that role holds.
    [Allow(Callers.StaffUser, Permission = StaffPermissions.ManageStaff)]
    public override async Task<SetSyncPolicyResponse> SetSyncPolicy(SetSyncPolicyRequest request, ServerCallContext context) =>
        new() { Policy = (await Sync(context).SetPolicyAsync(StaffSyncMapping.FromProto(request.Policy), context.GetStaffUserId())).ToProto() };

    [Allow(Callers.StaffUser)]
    public override async Task<RequestResyncResponse> RequestResync(RequestResyncRequest request, ServerCallContext context)
    {
        await Sync(context).RequestResyncAsync(context.GetStaffUserId());
        return new RequestResyncResponse();
    }

    private IPimsSyncGrain Sync(ServerCallContext context) => grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(context.GetClinicId()));
}
