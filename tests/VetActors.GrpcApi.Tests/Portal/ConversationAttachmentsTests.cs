using Google.Protobuf;
using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed class ConversationAttachmentsTests : IAsyncLifetime
{
    private const string PortalRpc = "/vetactors.portal.v1.Portal/";
    private const string StaffRpc = "/vetactors.portal.v1.StaffConversations/";
    private const int FiveMiB = 5 * 1024 * 1024;
    private readonly ApiTestHost _host = new();
    private ClinicWorld _a = null!;
    private ClinicWorld _b = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _a = await ClinicWorld.CreateAsync(_host, "clinic-a");
        _b = await ClinicWorld.CreateAsync(_host, "clinic-b");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private static ServerCallContext OtherClient() => TestServerCallContext.For(Principal.PortalClient("clinic-a", "c-other", "session-2"));

    private Task<TResponse> Portal<TRequest, TResponse>(string method, TRequest request, string? token = null)
        where TRequest : class where TResponse : class => _host.InvokeAsync<TRequest, TResponse>(PortalRpc + method, request, token ?? _a.ClientToken);

    private Task<TResponse> Staff<TRequest, TResponse>(string method, TRequest request, string? token = null)
        where TRequest : class where TResponse : class => _host.InvokeAsync<TRequest, TResponse>(StaffRpc + method, request, token ?? _a.StaffToken);

    private async Task<ConversationAttachment> UploadAsync(byte[] content, string fileName = "lab.pdf", string contentType = "")
    {
        var request = new UploadConversationAttachmentRequest { FileName = fileName, ContentType = contentType, Content = ByteString.CopyFrom(content) };
        return (await Portal<UploadConversationAttachmentRequest, UploadConversationAttachmentResponse>("UploadConversationAttachment", request)).Attachment;
    }

    private async Task<Conversation> StartAsync(params string[] attachmentIds) =>
        (await Portal<StartConversationRequest, StartConversationResponse>(
            "StartConversation", new StartConversationRequest { Subject = "Lab results", Text = "See attached", AttachmentIds = { attachmentIds } })).Conversation;

    private async Task<int> MessageCountAsync() =>
        (await Portal<ListConversationsRequest, ListConversationsResponse>("ListConversations", new ListConversationsRequest())).Conversations.Sum(c => c.Messages.Count);

    [Fact]
    public async Task Upload_Pdf_IsDescribedByItsContentAndServedBackToTheClient()
    {
        var pdf = AttachmentTenancy.Pdf();

        var uploaded = await UploadAsync(pdf, "results.pdf", "application/pdf");
        var fetched = await Portal<GetConversationAttachmentRequest, GetConversationAttachmentResponse>(
            "GetConversationAttachment", new GetConversationAttachmentRequest { AttachmentId = uploaded.Id });

        Assert.Equal(("results.pdf", "application/pdf", (long)pdf.Length), (uploaded.FileName, uploaded.ContentType, uploaded.SizeBytes));
        Assert.Equal(_host.Time.GetUtcNow(), uploaded.UploadedAt.ToDateTimeOffset());
        Assert.Equal(uploaded, fetched.Attachment);
        Assert.Equal(pdf, fetched.Content.ToByteArray());
    }

    [Fact]
    public async Task SendMessage_WithAttachment_CarriesItsDescriptionAndStaffCanDownloadIt()
    {
        var conversation = await StartAsync();
        var photo = await UploadAsync(TestImages.Jpeg(), "rex.jpg");

        var sent = (await Portal<SendMessageRequest, SendMessageResponse>(
            "SendMessage", new SendMessageRequest { ConversationId = conversation.Id, AttachmentIds = { photo.Id } })).Message;
        var byStaff = await Staff<GetConversationAttachmentByStaffRequest, GetConversationAttachmentResponse>(
            "GetConversationAttachment", new GetConversationAttachmentByStaffRequest { ConversationId = conversation.Id, AttachmentId = photo.Id });

        Assert.Equal([photo.Id], sent.AttachmentIds);
        Assert.Equal([photo], sent.Attachments);
        Assert.Equal("image/jpeg", sent.Attachments[0].ContentType);
        Assert.Equal(photo, byStaff.Attachment);
        Assert.Equal(TestImages.Jpeg(), byStaff.Content.ToByteArray());
    }

    [Fact]
    public async Task StaffUpload_AttachedToReply_IsDownloadableByTheClient()
    {
        var conversation = await StartAsync();
        var invoice = (await Staff<UploadConversationAttachmentByStaffRequest, UploadConversationAttachmentResponse>(
            "UploadConversationAttachment",
            new UploadConversationAttachmentByStaffRequest { ConversationId = conversation.Id, FileName = "invoice.pdf", Content = ByteString.CopyFrom(AttachmentTenancy.Pdf()) })).Attachment;

        var reply = (await Staff<ReplyToConversationRequest, ReplyToConversationResponse>(
            "ReplyToConversation", new ReplyToConversationRequest { ConversationId = conversation.Id, Text = "Your invoice", AttachmentIds = { invoice.Id } })).Message;
        var byClient = await Portal<GetConversationAttachmentRequest, GetConversationAttachmentResponse>(
            "GetConversationAttachment", new GetConversationAttachmentRequest { AttachmentId = invoice.Id });

        Assert.Equal([invoice], reply.Attachments);
        Assert.Equal(invoice, byClient.Attachment);
    }

    [Fact]
    public async Task Upload_TextNamedPdf_IsInvalidArgument()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => UploadAsync("just some text"u8.ToArray(), "scan.pdf", "application/pdf"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("content", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverFiveMiB_IsInvalidArgumentForClientAndStaff()
    {
        var conversation = await StartAsync();
        var tooLarge = ByteString.CopyFrom(TestImages.Png(totalBytes: FiveMiB + 1));

        var byClient = await Assert.ThrowsAsync<RpcException>(() => Portal<UploadConversationAttachmentRequest, UploadConversationAttachmentResponse>(
            "UploadConversationAttachment", new UploadConversationAttachmentRequest { FileName = "big.png", Content = tooLarge }));
        var byStaff = await Assert.ThrowsAsync<RpcException>(() => Staff<UploadConversationAttachmentByStaffRequest, UploadConversationAttachmentResponse>(
            "UploadConversationAttachment", new UploadConversationAttachmentByStaffRequest { ConversationId = conversation.Id, FileName = "big.png", Content = tooLarge }));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (byClient.StatusCode, byStaff.StatusCode));
        Assert.Equal(5 * 1024 * 1024, (await UploadAsync(TestImages.Png(totalBytes: FiveMiB), "max.png")).SizeBytes);
    }

    [Fact]
    public async Task SendMessage_UnknownAttachmentId_IsInvalidArgumentNamingItAndAddsNothing()
    {
        var conversation = await StartAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Portal<SendMessageRequest, SendMessageResponse>(
            "SendMessage", new SendMessageRequest { ConversationId = conversation.Id, Text = "Here", AttachmentIds = { "no-such-file" } }));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("no-such-file", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await MessageCountAsync());
    }

    [Fact]
    public async Task AnotherClientsAttachment_CannotBeSentOrDownloaded()
    {
        var mine = await UploadAsync(AttachmentTenancy.Pdf());
        var service = _host.Service<PortalService>();

        var download = await Assert.ThrowsAsync<NotFoundException>(() => service.GetConversationAttachment(
            new GetConversationAttachmentRequest { AttachmentId = mine.Id }, OtherClient()));
        var start = await Assert.ThrowsAsync<ValidationException>(() => service.StartConversation(
            new StartConversationRequest { Subject = "Mine now", Text = "x", AttachmentIds = { mine.Id } }, OtherClient()));

        Assert.Equal("conversation.attachment_not_found", download.Code);
        Assert.Contains(mine.Id, Assert.Single(start.Violations).Description, StringComparison.Ordinal);
        Assert.Empty((await service.ListConversations(new ListConversationsRequest(), OtherClient())).Conversations);
    }

    [Fact]
    public async Task AnotherClinic_CannotDownloadOrAttach()
    {
        var conversation = await StartAsync();
        var mine = await UploadAsync(AttachmentTenancy.Pdf());

        var byStaffB = await Assert.ThrowsAsync<RpcException>(() => Staff<GetConversationAttachmentByStaffRequest, GetConversationAttachmentResponse>(
            "GetConversationAttachment", new GetConversationAttachmentByStaffRequest { ConversationId = conversation.Id, AttachmentId = mine.Id }, _b.StaffToken));
        var byClientB = await Assert.ThrowsAsync<RpcException>(() => Portal<GetConversationAttachmentRequest, GetConversationAttachmentResponse>(
            "GetConversationAttachment", new GetConversationAttachmentRequest { AttachmentId = mine.Id }, _b.ClientToken));
        var startB = await Assert.ThrowsAsync<RpcException>(() => Portal<StartConversationRequest, StartConversationResponse>(
            "StartConversation", new StartConversationRequest { Subject = "Theirs", Text = "x", AttachmentIds = { mine.Id } }, _b.ClientToken));

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound, StatusCode.InvalidArgument), (byStaffB.StatusCode, byClientB.StatusCode, startB.StatusCode));
    }
}
