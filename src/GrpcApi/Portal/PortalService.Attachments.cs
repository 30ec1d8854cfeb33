using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>
/// The client's conversation attachments. The grain key is built from the session's clinic and client, so another
/// client's or clinic's attachment id names a grain that holds nothing (NOT_FOUND).
/// </summary>
internal sealed partial class PortalService
{
    [Allow(Callers.PortalClient)]
    public override async Task<UploadConversationAttachmentResponse> UploadConversationAttachment(
        UploadConversationAttachmentRequest request, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        var upload = new ConversationAttachmentUpload(Participant.Client(clientId), request.FileName, request.ContentType, request.Content.Memory);
        var stored = await Attachment(clinicId, clientId, NewAttachmentId()).StoreAsync(upload);
        return new UploadConversationAttachmentResponse { Attachment = stored.ToProto() };
    }

    [Allow(Callers.PortalClient)]
    public override async Task<GetConversationAttachmentResponse> GetConversationAttachment(
        GetConversationAttachmentRequest request, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        return (await Attachment(clinicId, clientId, AttachmentId(request.AttachmentId)).GetAsync()).ToResponse();
    }

    private IConversationAttachmentGrain Attachment(string clinicId, string clientId, string attachmentId) =>
        grains.GetGrain<IConversationAttachmentGrain>(GrainKeys.ConversationAttachment(clinicId, clientId, attachmentId));

    internal static string NewAttachmentId() => Guid.NewGuid().ToString("N");

    internal static string AttachmentId(string attachmentId) =>
        GrainKeys.IsValidId(attachmentId) ? attachmentId : throw new ValidationException("attachment_id", "must be an attachment id.");
}
