using VetActors.Actors.Testing;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;

namespace VetActors.Grains.Tests.Conversations;

public sealed class ConversationGrainTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private ConversationView _opened = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ConversationClusters.StartAsync();
        _opened = await _cluster.GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations("42", "981"))
            .StartAsync(new ConversationRequest("Limping", "Max is limping since yesterday.", []));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IConversationGrain Grain(string? id = null) =>
        _cluster.GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation("42", id ?? _opened.Id));

    private static NewMessage FromClient(string text, params string[] attachments) => new(Participant.Client("981"), text, attachments);

    private static NewMessage FromStaff(string text) => new(Participant.Staff("staff-7"), text, []);

    [Fact]
    public async Task Send_ClientMessageWithAttachments_IsStampedByTheClock()
    {
        await ConversationClusters.StoreAttachmentAsync(_cluster, "981", "photo-1");
        await ConversationClusters.StoreAttachmentAsync(_cluster, "981", "photo-2");
        _cluster.TimeProvider.Advance(TimeSpan.FromMinutes(3));

        var sent = await Grain().SendAsync(FromClient("Here is a photo.", "photo-1", "photo-2"));

        Assert.Equal(ConversationClusters.Start.AddMinutes(3), sent.SentAt);
        Assert.Equal(["photo-1", "photo-2"], sent.AttachmentIds);
        var view = await Grain().GetAsync(Participant.Client("981"));
        Assert.Equal(sent, view.Messages[^1]);
        Assert.Equal(2, view.Messages.Count);
    }

    [Fact]
    public async Task Send_MessageIds_AreDistinctAndFollowSendOrder()
    {
        var a = await Grain().SendAsync(FromClient("one"));
        var b = await Grain().SendAsync(FromStaff("two"));
        _cluster.TimeProvider.Advance(TimeSpan.FromSeconds(1));
        var c = await Grain().SendAsync(FromClient("three"));

        var ids = new[] { _opened.Messages[0].Id, a.Id, b.Id, c.Id };
        Assert.Equal(4, ids.Distinct().Count());
        Assert.True(string.CompareOrdinal(b.Id, c.Id) < 0);
    }

    [Fact]
    public async Task StaffReply_CountsUnreadForTheClientUntilRead()
    {
        await Grain().SendAsync(FromStaff("Bring him in at 3."));
        await Grain().SendAsync(FromStaff("Or tomorrow at 9."));

        var before = await Grain().GetAsync(Participant.Staff("staff-7"));
        var after = await Grain().MarkReadAsync(Participant.Client("981"));

        Assert.Equal(2, before.UnreadForClient);
        Assert.Equal(1, before.UnreadForStaff);
        Assert.Equal(0, after.UnreadForClient);
        Assert.Equal(1, after.UnreadForStaff);
    }

    [Fact]
    public async Task ClientMessages_CountUnreadForStaffUntilStaffRead()
    {
        await Grain().SendAsync(FromClient("Still limping."));

        var before = await Grain().GetAsync(Participant.Staff("staff-7"));
        await Grain().MarkReadAsync(Participant.Staff("staff-7"));
        await Grain().SendAsync(FromClient("And now he will not eat."));
        var after = await Grain().GetAsync(Participant.Staff("staff-7"));

        Assert.Equal(2, before.UnreadForStaff);
        Assert.Equal(1, after.UnreadForStaff);
    }

    [Fact]
    public async Task Close_ByStaff_RecordsWhoAndWhen()
    {
        _cluster.TimeProvider.Advance(TimeSpan.FromHours(2));

        var closed = await Grain().CloseAsync("staff-7");

        Assert.Equal(ConversationStatus.Closed, closed.Status);
        Assert.Equal("staff-7", closed.ClosedBy);
        Assert.Equal(ConversationClusters.Start.AddHours(2), closed.ClosedAt);
    }

    [Theory]
    [InlineData(AuthorKind.Client)]
    [InlineData(AuthorKind.Staff)]
    public async Task Send_ToClosedConversation_IsARuleViolationAndChangesNothing(AuthorKind kind)
    {
        await Grain().CloseAsync("staff-7");
        var author = kind is AuthorKind.Client ? Participant.Client("981") : Participant.Staff("staff-7");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => Grain().SendAsync(new NewMessage(author, "Hello?", [])));

        Assert.Equal(ConversationRules.Closed, error.Code);
        Assert.Single((await Grain().GetAsync(Participant.Staff("staff-7"))).Messages);
    }

    [Fact]
    public async Task Close_Twice_IsARuleViolation()
    {
        await Grain().CloseAsync("staff-7");

        var error = await Assert.ThrowsAsync<RuleViolation>(() => Grain().CloseAsync("staff-8"));

        Assert.Equal(ConversationRules.Closed, error.Code);
        Assert.Equal("staff-7", (await Grain().GetAsync(Participant.Staff("staff-8"))).ClosedBy);
    }

    [Fact]
    public async Task AnotherClient_CannotReadOrWrite_AsIfItDidNotExist()
    {
        var read = await Assert.ThrowsAsync<NotFoundException>(() => Grain().GetAsync(Participant.Client("982")));
        var write = await Assert.ThrowsAsync<NotFoundException>(() => Grain().SendAsync(new NewMessage(Participant.Client("982"), "Hi", [])));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Grain("nosuch").GetAsync(Participant.Client("982")));

        Assert.Equal(missing.Message.Replace("nosuch", _opened.Id, StringComparison.Ordinal), read.Message);
        Assert.Equal(ConversationRules.NotFound, write.Code);
        Assert.Single((await Grain().GetAsync(Participant.Client("981"))).Messages);
    }

    [Fact]
    public async Task Send_ToUnopenedConversation_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Grain("nosuch").SendAsync(FromStaff("Hello")));

        Assert.Equal(ConversationRules.NotFound, error.Code);
    }

    [Fact]
    public async Task Open_Twice_IsRefused()
    {
        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() =>
            Grain().OpenAsync(new OpenConversation("981", new ConversationRequest("Again", "Hi", []))));

        Assert.Equal(ConversationRules.AlreadyOpen, error.Code);
    }

    [Fact]
    public async Task Send_EmptyOrOverlongMessage_IsRejected()
    {
        var empty = await Assert.ThrowsAsync<ValidationException>(() => Grain().SendAsync(FromClient("  ")));
        var overlong = await Assert.ThrowsAsync<ValidationException>(() => Grain().SendAsync(FromClient(new string('a', 4001))));

        Assert.Equal("text", Assert.Single(empty.Violations).Field);
        Assert.Equal("text", Assert.Single(overlong.Violations).Field);
        Assert.Single((await Grain().GetAsync(Participant.Client("981"))).Messages);
    }

    [Fact]
    public async Task Send_AttachmentOnly_IsAccepted()
    {
        await ConversationClusters.StoreAttachmentAsync(_cluster, "981", "xray-1");

        var sent = await Grain().SendAsync(FromClient("", "xray-1"));

        Assert.Equal("", sent.Text);
        Assert.Equal(["xray-1"], sent.AttachmentIds);
    }

    [Fact]
    public async Task Conversation_AfterRestart_KeepsMessagesAndCounts()
    {
        await Grain().SendAsync(FromStaff("Noted."));

        await _cluster.RestartAsync();

        var view = await Grain().GetAsync(Participant.Client("981"));
        Assert.Equal(["Max is limping since yesterday.", "Noted."], view.Messages.Select(m => m.Text));
        Assert.Equal(1, view.UnreadForClient);
        Assert.Equal(1, view.UnreadForStaff);
    }
}
