using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using VetActors.Protos.Portal.V1;
using GrainAttachment = VetActors.Grains.Conversations.ConversationAttachment;
using GrainAttachmentContent = VetActors.Grains.Conversations.ConversationAttachmentContent;
using ProtoAttachment = VetActors.Protos.Portal.V1.ConversationAttachment;

namespace VetActors.GrpcApi.Portal;

/// <summary>Conversation attachments between the grains' records and the portal protos.</summary>
internal static class AttachmentMapping
{
    public static ProtoAttachment ToProto(this GrainAttachment attachment) => new()
    {
        Id = attachment.Id,
        FileName = attachment.FileName,
        ContentType = attachment.ContentType,
        SizeBytes = attachment.Size,
        UploadedAt = Timestamp.FromDateTimeOffset(attachment.UploadedAt),
    };

    public static GetConversationAttachmentResponse ToResponse(this GrainAttachmentContent content) => new()
    {
        Attachment = content.Info.ToProto(),
        Content = UnsafeByteOperations.UnsafeWrap(content.Content),
    };
}
