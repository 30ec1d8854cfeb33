using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Portal.V1;
using AuthorKind = VetActors.Protos.Portal.V1.AuthorKind;
using ConversationStatus = VetActors.Protos.Portal.V1.ConversationStatus;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed class PortalServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.portal.v1.Portal/";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private PortalService Service => _host.Service<PortalService>();

    private static ServerCallContext Owner(string clientId = "c-clinic-a") =>
        TestServerCallContext.For(Principal.PortalClient("clinic-a", clientId, "session-1"));

    [Fact]
    public async Task StartConversation_NoActiveOne_OpensItWithTheFirstMessage()
    {
        var started = await StartAsync("Refill for Rex", "Rex needs more tablets.");

        Assert.Equal("Refill for Rex", started.Subject);
        Assert.Equal(ConversationStatus.Active, started.Status);
        var message = Assert.Single(started.Messages);
        Assert.Equal(AuthorKind.Client, message.AuthorKind);
        Assert.Equal("c-clinic-a", message.AuthorId);
        Assert.Equal("Rex needs more tablets.", message.Text);
    }

    [Fact]
    public async Task StartConversation_WhileOneIsActive_IsFailedPreconditionNamingIt()
    {
        var first = await StartAsync("Refill", "Tablets please.");

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<StartConversationRequest, StartConversationResponse>(
            Rpc + "StartConversation", new StartConversationRequest { Subject = "Another", Text = "Hello" }, _world.ClientToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains(first.Id, error.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await Service.ListConversations(new(), Owner())).Conversations);
    }

    [Fact]
    public async Task StartConversation_ConcurrentStarts_ExactlyOneWins()
    {
        var starts = Enumerable.Range(0, 8).Select(i => Task.Run(() => _host.InvokeAsync<StartConversationRequest, StartConversationResponse>(
            Rpc + "StartConversation", new StartConversationRequest { Subject = $"Request {i}", Text = "Hello" }, _world.ClientToken))).ToList();

        var outcomes = await Task.WhenAll(starts.Select(async t =>
        {
            try
            {
                return (await t).Conversation.Id;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, id => id is not null);
        var listed = Assert.Single((await Service.ListConversations(new(), Owner())).Conversations);
        Assert.Equal(winner, listed.Id);
    }

    [Fact]
    public async Task ListConversations_ActiveAndClosed_NewestFirstWithMessages()
    {
        var first = await StartAsync("First", "One");
        await _host.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation("clinic-a", first.Id)).CloseAsync(_world.StaffUserId);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await StartAsync("Second", "Two");

        var listed = (await Service.ListConversations(new(), Owner())).Conversations;

        Assert.Equal([second.Id, first.Id], listed.Select(c => c.Id));
        Assert.Equal([ConversationStatus.Active, ConversationStatus.Closed], listed.Select(c => c.Status));
        Assert.NotNull(listed[1].ClosedAt);
        Assert.Equal("One", Assert.Single(listed[1].Messages).Text);
    }

    [Fact]
    public async Task ListConversations_AnotherClientsConversations_AreNotListed()
    {
        await StartAsync("Mine", "Hello");

        Assert.Empty((await Service.ListConversations(new(), Owner("c-other"))).Conversations);
    }

    [Fact]
    public async Task SendMessage_ActiveConversation_AppendsTheMessage()
    {
        var started = await StartAsync("Question", "First");
        var file = (await Service.UploadConversationAttachment(
            new UploadConversationAttachmentRequest { FileName = "a.pdf", Content = Google.Protobuf.ByteString.CopyFrom(AttachmentTenancy.Pdf()) }, Owner())).Attachment;

        var sent = await Service.SendMessage(
            new SendMessageRequest { ConversationId = started.Id, Text = "Second", AttachmentIds = { file.Id } }, Owner());

        Assert.Equal("Second", sent.Message.Text);
        Assert.Equal([file.Id], sent.Message.AttachmentIds);
        Assert.Equal([file], sent.Message.Attachments);
        var listed = Assert.Single((await Service.ListConversations(new(), Owner())).Conversations);
        Assert.Equal(["First", "Second"], listed.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task SendMessage_ClosedConversation_IsFailedPreconditionAndChangesNothing()
    {
        var started = await StartAsync("Question", "First");
        await _host.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation("clinic-a", started.Id)).CloseAsync(_world.StaffUserId);

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<SendMessageRequest, SendMessageResponse>(
            Rpc + "SendMessage", new SendMessageRequest { ConversationId = started.Id, Text = "Late" }, _world.ClientToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Single(Assert.Single((await Service.ListConversations(new(), Owner())).Conversations).Messages);
    }

    [Fact]
    public async Task SendMessage_AnotherClientsConversation_IsNotFoundAndChangesNothing()
    {
        var theirs = await StartAsync("Theirs", "Private", Owner("c-other"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Service.SendMessage(
            new SendMessageRequest { ConversationId = theirs.Id, Text = "Hi" }, Owner()));

        Assert.Equal(ConversationRules.NotFound, error.Code);
        Assert.Single(Assert.Single((await Service.ListConversations(new(), Owner("c-other"))).Conversations).Messages);
    }

    [Fact]
    public async Task SendMessage_UnknownConversation_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<SendMessageRequest, SendMessageResponse>(
            Rpc + "SendMessage", new SendMessageRequest { ConversationId = "no-such", Text = "Hi" }, _world.ClientToken));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task MarkConversationRead_StaffReplies_UnreadCountDropsToZero()
    {
        var started = await StartAsync("Question", "First");
        await _host.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation("clinic-a", started.Id))
            .SendAsync(new NewMessage(Participant.Staff(_world.StaffUserId), "Answer", []));
        Assert.Equal(1, Assert.Single((await Service.ListConversations(new(), Owner())).Conversations).UnreadCount);

        var read = await Service.MarkConversationRead(new MarkConversationReadRequest { ConversationId = started.Id }, Owner());

        Assert.Equal(0, read.Conversation.UnreadCount);
    }

    [Fact]
    public async Task GetNotificationPreferences_NeverChanged_BothOptedIn()
    {
        var preferences = (await Service.GetNotificationPreferences(new(), Owner())).Preferences;

        Assert.True(preferences.SmsOptedIn);
        Assert.True(preferences.EmailOptedIn);
    }

    [Fact]
    public async Task SetNotificationPreference_OptOutOfEmail_IsRecordedAsThePortalsChange()
    {
        var set = await Service.SetNotificationPreference(
            new SetNotificationPreferenceRequest { Channel = NotificationChannel.Email, OptedIn = false }, Owner());

        Assert.False(set.Preferences.EmailOptedIn);
        Assert.True(set.Preferences.SmsOptedIn);
        var change = Assert.Single(await Consent().GetLedgerAsync());
        Assert.Equal((ConsentChannel.Email, false, Grains.Consent.ConsentSource.Portal), (change.Channel, change.OptedIn, change.Source));
    }

    [Fact]
    public async Task SetNotificationPreference_OptBackIntoSms_AllowsSmsAgain()
    {
        await Service.SetNotificationPreference(new SetNotificationPreferenceRequest { Channel = NotificationChannel.Sms, OptedIn = false }, Owner());

        var set = await Service.SetNotificationPreference(
            new SetNotificationPreferenceRequest { Channel = NotificationChannel.Sms, OptedIn = true }, Owner());

        Assert.True(set.Preferences.SmsOptedIn);
        Assert.True(await Consent().MaySendAsync(ConsentChannel.Sms));
    }

    [Fact]
    public async Task SetNotificationPreference_UnspecifiedChannel_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<SetNotificationPreferenceRequest, SetNotificationPreferenceResponse>(
            Rpc + "SetNotificationPreference", new SetNotificationPreferenceRequest { OptedIn = false }, _world.ClientToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(await Consent().GetLedgerAsync());
    }

    private IClientConsentGrain Consent() => _host.Grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent("clinic-a", "c-clinic-a"));

    private async Task<Conversation> StartAsync(string subject, string text, ServerCallContext? owner = null) =>
        (await Service.StartConversation(new StartConversationRequest { Subject = subject, Text = text }, owner ?? Owner())).Conversation;
}
