using VetActors.Actors.Testing;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Conversations;

public sealed class ConversationAttachmentGrainTests : IAsyncLifetime
{
    private const int FiveMiB = 5 * 1024 * 1024;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ConversationClusters.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IConversationAttachmentGrain Attachment(string id, string clientId = "981") =>
        _cluster.GrainFactory.GetGrain<IConversationAttachmentGrain>(GrainKeys.ConversationAttachment("42", clientId, id));

    private IClientConversationsGrain Index(string clientId = "981") =>
        _cluster.GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations("42", clientId));

    private static ConversationAttachmentUpload Upload(byte[] content, string? fileName = "file", string? contentType = null) =>
        new(Participant.Client("981"), fileName, contentType, content);

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    public async Task Store_AllowedContent_KeepsTheTypeItsBytesProve(string kind, string expected)
    {
        var content = kind switch { "pdf" => ConversationClusters.Pdf(), "png" => TestImages.Png(), _ => TestImages.Jpeg() };

        var stored = await Attachment("a-1").StoreAsync(Upload(content, "scan"));

        Assert.Equal(new ConversationAttachment("a-1", "scan", expected, content.Length, ConversationClusters.Start), stored);
        var read = await Attachment("a-1").GetAsync();
        Assert.Equal(stored, read.Info);
        Assert.Equal(content, read.Content.ToArray());
    }

    [Fact]
    public async Task Store_TextRenamedAsPdf_IsRefusedAndNothingIsStored()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Attachment("a-1").StoreAsync(Upload("hello, not a pdf"u8.ToArray(), "fake.pdf", "application/pdf")));

        Assert.Equal(["content"], error.Violations.Select(v => v.Field));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachment("a-1").GetInfoAsync());
    }

    [Fact]
    public async Task Store_ClaimedTypeDiffersFromContent_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Attachment("a-1").StoreAsync(Upload(TestImages.Png(), "x.pdf", "application/pdf")));

        Assert.Equal(["content_type"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Store_FiveMiB_IsAcceptedAndOneByteMoreIsRefused()
    {
        Assert.Equal(FiveMiB, (await Attachment("a-1").StoreAsync(Upload(TestImages.Png(totalBytes: FiveMiB)))).Size);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Attachment("a-2").StoreAsync(Upload(TestImages.Png(totalBytes: FiveMiB + 1))));

        Assert.Equal(["content"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Store_SecondTime_IsRefusedAndKeepsTheFirst()
    {
        await Attachment("a-1").StoreAsync(Upload(ConversationClusters.Pdf(), "first.pdf"));

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Attachment("a-1").StoreAsync(Upload(TestImages.Png(), "second.png")));

        Assert.Equal("first.pdf", (await Attachment("a-1").GetInfoAsync()).FileName);
    }

    [Fact]
    public async Task Start_WithAnotherClientsAttachment_IsInvalidNamingItAndOpensNothing()
    {
        await ConversationClusters.StoreAttachmentAsync(_cluster, "982", "theirs");

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Index().StartAsync(new ConversationRequest("X-ray", "See attached", ["theirs"])));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("attachment_ids[0]", violation.Field);
        Assert.Contains("theirs", violation.Description, StringComparison.Ordinal);
        Assert.Null(await Index().GetActiveAsync());
    }

    [Fact]
    public async Task Send_UnknownAttachment_IsInvalidAndAddsNoMessage()
    {
        await ConversationClusters.StoreAttachmentAsync(_cluster, "981", "mine");
        var opened = await Index().StartAsync(new ConversationRequest("X-ray", "First", []));
        var conversation = _cluster.GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation("42", opened.Id));

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            conversation.SendAsync(new NewMessage(Participant.Staff("staff-7"), "Here", ["mine", "missing"])));

        Assert.Equal(["attachment_ids[1]"], error.Violations.Select(v => v.Field));
        Assert.Single((await conversation.GetAsync(Participant.Client("981"))).Messages);
    }

    [Fact]
    public async Task Send_StaffAttachmentForTheClient_CarriesItsDescription()
    {
        var opened = await Index().StartAsync(new ConversationRequest("X-ray", "First", []));
        var stored = await Attachment("invoice").StoreAsync(new ConversationAttachmentUpload(Participant.Staff("staff-7"), "invoice.pdf", null, ConversationClusters.Pdf()));
        var conversation = _cluster.GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation("42", opened.Id));

        await conversation.SendAsync(new NewMessage(Participant.Staff("staff-7"), "", ["invoice"]));

        var message = (await conversation.GetAsync(Participant.Client("981"))).Messages[^1];
        Assert.Equal([stored], message.Attachments!);
    }
}
