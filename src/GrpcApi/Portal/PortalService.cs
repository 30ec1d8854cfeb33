using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>The signed-in pet owner's conversations and notification preferences; clinic and client come from the session.</summary>
internal sealed partial class PortalService(IGrainFactory grains) : Protos.Portal.V1.Portal.PortalBase
{
    [Allow(Callers.PortalClient)]
    public override async Task<ListConversationsResponse> ListConversations(ListConversationsRequest request, ServerCallContext context) =>
        new() { Conversations = { (await Conversations(context).GetAllAsync()).Select(PortalMapping.ToClientProto) } };

    [Allow(Callers.PortalClient)]
    public override async Task<StartConversationResponse> StartConversation(StartConversationRequest request, ServerCallContext context)
    {
        var started = await Conversations(context).StartAsync(new ConversationRequest(request.Subject, request.Text, [.. request.AttachmentIds]));
        return new StartConversationResponse { Conversation = started.ToClientProto() };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<SendMessageResponse> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        var sent = await Conversation(clinicId, request.ConversationId)
            .SendAsync(new NewMessage(Participant.Client(clientId), request.Text, [.. request.AttachmentIds]));
        return new SendMessageResponse { Message = sent.ToProto() };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<MarkConversationReadResponse> MarkConversationRead(MarkConversationReadRequest request, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        var view = await Conversation(clinicId, request.ConversationId).MarkReadAsync(Participant.Client(clientId));
        return new MarkConversationReadResponse { Conversation = view.ToClientProto() };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<GetNotificationPreferencesResponse> GetNotificationPreferences(
        GetNotificationPreferencesRequest request, ServerCallContext context) =>
        new() { Preferences = (await Consent(context).GetStatusAsync()).ToPreferences() };

    [Allow(Callers.PortalClient)]
    public override async Task<SetNotificationPreferenceResponse> SetNotificationPreference(
        SetNotificationPreferenceRequest request, ServerCallContext context)
    {
        var change = PreferenceChange.ByClient(PortalMapping.ToChannel(request.Channel), request.OptedIn);
        return new SetNotificationPreferenceResponse { Preferences = (await Consent(context).SetPreferenceAsync(change)).ToPreferences() };
    }

    private static (string ClinicId, string ClientId) Client(ServerCallContext context)
    {
        var caller = context.GetPrincipal();
        return (caller.ClinicId!, caller.ClientId!);
    }

    private IClientConversationsGrain Conversations(ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        return grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(clinicId, clientId));
    }

    private IClientConsentGrain Consent(ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        return grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(clinicId, clientId));
    }

    private IConversationGrain Conversation(string clinicId, string conversationId) =>
        grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(clinicId, ConversationId(conversationId)));

    internal static string ConversationId(string conversationId) =>
        GrainKeys.IsValidId(conversationId) ? conversationId : throw new ValidationException("conversation_id", "must be a conversation id.");
}
