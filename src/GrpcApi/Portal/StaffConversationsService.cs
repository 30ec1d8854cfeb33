using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.Grains.Events;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>The clinic's side of conversations and of a client's consent, for staff of the caller's clinic.</summary>
internal sealed partial class StaffConversationsService(IGrainFactory grains, IClinicEventHub events) : StaffConversations.StaffConversationsBase
{
    [Allow(Callers.StaffUser)]
    public override async Task<ListClientConversationsResponse> ListClientConversations(
        ListClientConversationsRequest request, ServerCallContext context) =>
        new() { Conversations = { (await ConversationsOf(context, request.ClientId).GetAllAsync()).Select(PortalMapping.ToStaffProto) } };

    [Allow(Callers.StaffUser)]
    public override async Task<ReplyToConversationResponse> ReplyToConversation(ReplyToConversationRequest request, ServerCallContext context)
    {
        var sent = await Conversation(context, request.ConversationId)
            .SendAsync(new NewMessage(Participant.Staff(context.GetStaffUserId()), request.Text, [.. request.AttachmentIds]));
        return new ReplyToConversationResponse { Message = sent.ToProto() };
    }

    [Allow(Callers.StaffUser)]
    public override async Task<CloseConversationResponse> CloseConversation(CloseConversationRequest request, ServerCallContext context) =>
        new() { Conversation = (await Conversation(context, request.ConversationId).CloseAsync(context.GetStaffUserId())).ToStaffProto() };

    [Allow(Callers.StaffUser)]
    public override async Task<MarkConversationReadByStaffResponse> MarkConversationReadByStaff(
        MarkConversationReadByStaffRequest request, ServerCallContext context)
    {
        var view = await Conversation(context, request.ConversationId).MarkReadAsync(Participant.Staff(context.GetStaffUserId()));
        return new MarkConversationReadByStaffResponse { Conversation = view.ToStaffProto() };
    }

    [Allow(Callers.StaffUser)]
    public override async Task<GetUnreadCountsResponse> GetUnreadCounts(GetUnreadCountsRequest request, ServerCallContext context)
    {
        var unread = (await ConversationsOf(context, request.ClientId).GetAllAsync()).Where(c => c.UnreadForStaff > 0).ToList();
        return new GetUnreadCountsResponse
        {
            Conversations = { unread.Select(c => new UnreadCount { ConversationId = c.Id, Unread = c.UnreadForStaff }) },
            Total = unread.Sum(c => c.UnreadForStaff),
        };
    }

    [Allow(Callers.StaffUser)]
    public override async Task<GetClientConsentResponse> GetClientConsent(GetClientConsentRequest request, ServerCallContext context) =>
        new() { Consent = (await Consent(context, request.ClientId).GetStatusAsync()).ToProto() };

    [Allow(Callers.StaffUser)]
    public override async Task<SetClientNotificationPreferenceResponse> SetClientNotificationPreference(
        SetClientNotificationPreferenceRequest request, ServerCallContext context)
    {
        var change = PreferenceChange.ByStaff(PortalMapping.ToChannel(request.Channel), request.OptedIn, context.GetStaffUserId());
        return new SetClientNotificationPreferenceResponse { Consent = (await Consent(context, request.ClientId).SetPreferenceAsync(change)).ToProto() };
    }

    private IClientConversationsGrain ConversationsOf(ServerCallContext context, string clientId) =>
        grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(context.GetClinicId(), ClientId(clientId)));

    private IClientConsentGrain Consent(ServerCallContext context, string clientId) =>
        grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(context.GetClinicId(), ClientId(clientId)));

    private IConversationGrain Conversation(ServerCallContext context, string conversationId) =>
        grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(context.GetClinicId(), PortalService.ConversationId(conversationId)));

    private static string ClientId(string clientId) =>
        GrainKeys.IsValidId(clientId) ? clientId : throw new ValidationException("client_id", "must be a client id.");
}
