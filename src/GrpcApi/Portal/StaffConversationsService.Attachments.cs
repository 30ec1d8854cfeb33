using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>
/// Staff attachments: stored under the client of a conversation of the caller's clinic, so another clinic's
/// conversation (NOT_FOUND) never lends its client, and an attachment of another client is not found under this one.
/// </summary>
internal sealed partial class StaffConversationsService
{
    /// <summary>The largest request read: a 5 MiB attachment with its ids, file name and framing (gRPC's default is 4 MiB).</summary>
    internal const int MaxReceiveMessageSize = (5 * 1024 * 1024) + (64 * 1024);

    [Allow(Callers.StaffUser)]
    public override async Task<UploadConversationAttachmentResponse> UploadConversationAttachment(
        UploadConversationAttachmentByStaffRequest request, ServerCallContext context)
    {
        var staff = Participant.Staff(context.GetStaffUserId());
        var attachment = await AttachmentOf(context, request.ConversationId, PortalService.NewAttachmentId());
        var stored = await attachment.StoreAsync(new ConversationAttachmentUpload(staff, request.FileName, request.ContentType, request.Content.Memory));
        return new UploadConversationAttachmentResponse { Attachment = stored.ToProto() };
    }

    [Allow(Callers.StaffUser)]
    public override async Task<GetConversationAttachmentResponse> GetConversationAttachment(
        GetConversationAttachmentByStaffRequest request, ServerCallContext context)
    {
        var attachment = await AttachmentOf(context, request.ConversationId, PortalService.AttachmentId(request.AttachmentId));
        return (await attachment.GetAsync()).ToResponse();
    }

    private async Task<IConversationAttachmentGrain> AttachmentOf(ServerCallContext context, string conversationId, string attachmentId)
    {
        var view = await Conversation(context, conversationId).GetAsync(Participant.Staff(context.GetStaffUserId()));
        return grains.GetGrain<IConversationAttachmentGrain>(GrainKeys.ConversationAttachment(context.GetClinicId(), view.ClientId, attachmentId));
    }
}
