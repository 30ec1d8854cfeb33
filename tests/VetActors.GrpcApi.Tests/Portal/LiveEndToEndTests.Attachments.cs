using Google.Protobuf;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed partial class LiveEndToEndTests
{
    [Fact]
    public async Task StaffAttachment_FiveMiBOverRealGrpc_IsRepliedWithAndDownloadedByTheClient()
    {
        // Past gRPC's 4 MiB default receive limit: StaffConversations must read a full 5 MiB file with its framing.
        var clinic = await OnboardAsync("e2e-live-attach", "+1 555 020 0303");
        var (ann, _) = await ImportOwnersAsync(clinic.Id);
        var conversation = (await CallAsync<StartConversationRequest, StartConversationResponse>(
            "portal", "Portal", "StartConversation", new StartConversationRequest { Subject = "X-ray", Text = "Results?" }, ann)).Conversation;
        var content = new byte[5 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(content);
        var pdf = ByteString.CopyFrom(content);

        var uploaded = (await CallAsync<UploadConversationAttachmentByStaffRequest, UploadConversationAttachmentResponse>(
            "portal", "StaffConversations", "UploadConversationAttachment",
            new UploadConversationAttachmentByStaffRequest { ConversationId = conversation.Id, FileName = "xray.pdf", Content = pdf }, clinic.AdminToken)).Attachment;
        var reply = (await CallAsync<ReplyToConversationRequest, ReplyToConversationResponse>(
            "portal", "StaffConversations", "ReplyToConversation",
            new ReplyToConversationRequest { ConversationId = conversation.Id, AttachmentIds = { uploaded.Id } }, clinic.AdminToken)).Message;
        var downloaded = await DownloadAsync(uploaded.Id, ann);

        Assert.Equal(("application/pdf", (long)content.Length), (uploaded.ContentType, uploaded.SizeBytes));
        Assert.Equal([uploaded], reply.Attachments);
        Assert.Equal(pdf, downloaded.Content);
    }

    // A client reading a 5 MiB file lifts its own 4 MiB default receive limit, as a portal frontend would.
    private async Task<GetConversationAttachmentResponse> DownloadAsync(string attachmentId, string token)
    {
        using var channel = GrpcChannel.ForAddress("http://" + server.Target, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        return await RawGrpcCalls.UnaryAsync<GetConversationAttachmentRequest, GetConversationAttachmentResponse>(
            channel, "vetactors.portal.v1.Portal", "GetConversationAttachment", new GetConversationAttachmentRequest { AttachmentId = attachmentId }, token);
    }
}
