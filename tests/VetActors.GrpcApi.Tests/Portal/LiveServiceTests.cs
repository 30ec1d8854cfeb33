using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Conversations;
using VetActors.Grains.Events;
using VetActors.Grains.Events.Internal;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Portal.V1;
using SyncApi = VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>The live streams and the account through the interceptors, without the network.</summary>
public sealed class LiveServiceTests : IAsyncLifetime
{
    private const string WatchMessagesRpc = "/vetactors.portal.v1.Portal/WatchMessages";
    private const string WatchClinicEventsRpc = "/vetactors.portal.v1.StaffConversations/WatchClinicEvents";
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

    private ClinicEventHub Hub => (ClinicEventHub)_host.Cluster.Services.GetRequiredService<IClinicEventHub>();

    [Fact]
    public async Task WatchMessages_StaffReplyAndOwnMessageFromAnotherDevice_ArriveInOrder()
    {
        var started = await _a.CallAsync<StartConversationRequest, StartConversationResponse>(
            "/vetactors.portal.v1.Portal/StartConversation", new StartConversationRequest { Subject = "Refill", Text = "Tablets please" }, _a.ClientToken);
        var conversationId = started.Conversation.Id;
        await using var stream = await LiveCall<WatchMessagesResponse>.OpenAsync(_host, WatchMessagesRpc, new WatchMessagesRequest(), _a.ClientToken, m => m.Started is not null);

        await _a.CallAsync<ReplyToConversationRequest, ReplyToConversationResponse>(
            "/vetactors.portal.v1.StaffConversations/ReplyToConversation",
            new ReplyToConversationRequest { ConversationId = conversationId, Text = "Ready at 5." },
            _a.AdminToken);
        await _a.CallAsync<SendMessageRequest, SendMessageResponse>(
            "/vetactors.portal.v1.Portal/SendMessage", new SendMessageRequest { ConversationId = conversationId, Text = "Thanks!" }, _a.ClientToken);
        await stream.Recorder.WaitForAsync(m => m.Message?.Text == "Thanks!", "the client's own message");

        var messages = stream.Recorder.Messages.Where(m => m.Message is not null).Select(m => m.Message).ToList();
        Assert.Equal(["Ready at 5.", "Thanks!"], messages.Select(m => m.Text));
        Assert.Equal([true, false], messages.Select(m => m.FromStaff));
        Assert.Equal([_a.AdminUserId, _a.ClientId], messages.Select(m => m.AuthorId));
        Assert.All(messages, m => Assert.Equal(conversationId, m.ConversationId));
        Assert.All(messages, m => Assert.Equal(_a.ClientId, m.ClientId));
    }

    [Fact]
    public async Task WatchMessages_AnotherClientsMessages_NeverArrive()
    {
        var other = _host.Grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(_a.ClinicId, "c-other"));
        await using var stream = await LiveCall<WatchMessagesResponse>.OpenAsync(_host, WatchMessagesRpc, new WatchMessagesRequest(), _a.ClientToken, m => m.Started is not null);

        var theirs = await other.StartAsync(new ConversationRequest("Theirs", "Not for you", []));
        await _host.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(_a.ClinicId, theirs.Id))
            .SendAsync(new NewMessage(Participant.Staff(_a.AdminUserId), "Also not for you", []));
        await LiveTenancy.StaffReplyAsync(_host, _a, LiveTenancy.Marker);
        await stream.Recorder.WaitForAsync(m => m.Message?.Text == LiveTenancy.Marker, "the marker");

        Assert.DoesNotContain(stream.Recorder.Messages, m => m.Message is { } message && message.ClientId != _a.ClientId);
        Assert.DoesNotContain(stream.Recorder.Messages, m => m.Message?.Text.Contains("not for you", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task WatchMessages_CallerLeaves_EndsCleanlyAndUnsubscribes()
    {
        var stream = await LiveCall<WatchMessagesResponse>.OpenAsync(_host, WatchMessagesRpc, new WatchMessagesRequest(), _a.ClientToken, m => m.Started is not null);
        Assert.Equal(1, Hub.SubscriberCount(_a.ClinicId));

        await stream.DisposeAsync();

        Assert.True(stream.Call.IsCompletedSuccessfully);
        Assert.Equal(0, Hub.SubscriberCount(_a.ClinicId));
    }

    [Fact]
    public async Task WatchMessages_ReaderStopsReading_IsDroppedWithResourceExhausted()
    {
        await using var stream = await LiveCall<WatchMessagesResponse>.OpenAsync(_host, WatchMessagesRpc, new WatchMessagesRequest(), _a.ClientToken, m => m.Started is not null);
        stream.Recorder.Block();
        var now = _host.Time.GetUtcNow();

        for (var i = 0; i < new ClinicEventOptions().SubscriberCapacity + 2; i++)
        {
            Hub.Publish(new ConversationMessagePosted(
                _a.ClinicId, _a.ClientId, "conv-1", new ChatMessage("m" + i, Participant.Staff(_a.AdminUserId), "flood " + i, [], now)));
        }

        Assert.Equal(0, Hub.SubscriberCount(_a.ClinicId));
        stream.Recorder.Release();
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.Call);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("open it again", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchClinicEvents_ClientMessageConsentAndSync_ArriveButNotStaffReplies()
    {
        await using var stream = await LiveCall<WatchClinicEventsResponse>.OpenAsync(
            _host, WatchClinicEventsRpc, new WatchClinicEventsRequest(), _a.StaffToken, m => m.Started is not null);

        await LiveTenancy.ClientMessageAsync(_host, _a, "Is the surgery today?");
        await LiveTenancy.StaffReplyAsync(_host, _a, "Yes, at noon.");
        await _a.CallAsync<SetNotificationPreferenceRequest, SetNotificationPreferenceResponse>(
            "/vetactors.portal.v1.Portal/SetNotificationPreference",
            new SetNotificationPreferenceRequest { Channel = NotificationChannel.Email, OptedIn = false },
            _a.ClientToken);
        var sync = _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(_a.ClinicId));
        var session = await sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, FullImport: true, TotalRecords: 1));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [OwnerRecord("pc-1")], EndOfImport: true));
        await LiveTenancy.ClientMessageAsync(_host, _a, LiveTenancy.Marker);
        await stream.Recorder.WaitForAsync(m => m.ClientMessage?.Text == LiveTenancy.Marker, "the marker");

        var events = stream.Recorder.Messages.Skip(1).ToList();
        Assert.Equal(
            [
                WatchClinicEventsResponse.EventOneofCase.ClientMessage, // the first message of the conversation it opened
                WatchClinicEventsResponse.EventOneofCase.ClientMessage,
                WatchClinicEventsResponse.EventOneofCase.Consent,
                WatchClinicEventsResponse.EventOneofCase.Sync,
                WatchClinicEventsResponse.EventOneofCase.Sync,
                WatchClinicEventsResponse.EventOneofCase.ClientMessage,
            ],
            events.Select(e => e.EventCase));
        Assert.Equal("Is the surgery today?", events[1].ClientMessage.Text);
        Assert.Equal(ConsentEventKind.EmailOptOut, events[2].Consent.Kind);
        Assert.False(events[2].Consent.SmsOptOutIndicator);
        Assert.Equal(SyncApi.IntegrationState.NotConnected, events[3].Sync.PreviousState);
        Assert.Equal(SyncApi.IntegrationState.Importing, events[3].Sync.State);
        Assert.Null(events[3].Sync.Batch);
        Assert.Equal(SyncApi.IntegrationState.Live, events[4].Sync.State);
        Assert.Equal(new AppliedBatch { Sequence = 1, Applied = 1 }, events[4].Sync.Batch);
    }

    [Fact]
    public async Task WatchClinicEvents_AnotherClinicsEvents_NeverArrive()
    {
        await using var stream = await LiveCall<WatchClinicEventsResponse>.OpenAsync(
            _host, WatchClinicEventsRpc, new WatchClinicEventsRequest(), _b.AdminToken, m => m.Started is not null);

        await LiveTenancy.ClientMessageAsync(_host, _a, "For clinic A");
        var sync = _host.Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(_a.ClinicId));
        await sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, FullImport: true, TotalRecords: null));
        await LiveTenancy.ClientMessageAsync(_host, _b, LiveTenancy.Marker);
        await stream.Recorder.WaitForAsync(m => m.ClientMessage?.Text == LiveTenancy.Marker, "the marker");

        Assert.Equal(
            [WatchClinicEventsResponse.EventOneofCase.Started, WatchClinicEventsResponse.EventOneofCase.ClientMessage, WatchClinicEventsResponse.EventOneofCase.ClientMessage],
            stream.Recorder.Messages.Select(m => m.EventCase));
        Assert.All(stream.Recorder.Messages.Skip(1), m => Assert.Equal(_b.ClientId, m.ClientMessage.ClientId));
    }

    [Fact]
    public async Task GetAccount_ClientWithRecord_ReturnsDetailsAndCurrentPreferences()
    {
        await LiveTenancy.CreateRecordAsync(_host, _a);
        await _a.CallAsync<SetNotificationPreferenceRequest, SetNotificationPreferenceResponse>(
            "/vetactors.portal.v1.Portal/SetNotificationPreference",
            new SetNotificationPreferenceRequest { Channel = NotificationChannel.Sms, OptedIn = false },
            _a.ClientToken);

        var account = await _a.CallAsync<GetAccountRequest, GetAccountResponse>("/vetactors.portal.v1.Portal/GetAccount", new GetAccountRequest(), _a.ClientToken);

        Assert.Equal(_a.ClientId, account.ClientId);
        Assert.Equal(("Ann", "Lee", _a.ClientEmail), (account.FirstName, account.LastName, account.Email));
        Assert.Equal(["+1 555 010 2030"], account.Phones);
        Assert.Equal(("1 Elm Street", "", "Springfield", "IL", "62701"), (account.Address.Line1, account.Address.Line2, account.Address.City, account.Address.Region, account.Address.PostalCode));
        Assert.True(account.EmailOptedIn);
        Assert.False(account.SmsOptedIn);
        Assert.Null(account.DataAsOf);
    }

    [Fact]
    public async Task GetAccount_NoClientRecord_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _a.CallAsync<GetAccountRequest, GetAccountResponse>("/vetactors.portal.v1.Portal/GetAccount", new GetAccountRequest(), _a.ClientToken));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetClientProfile_WhileClientOptedOutOfSms_ShowsTheIndicator()
    {
        await LiveTenancy.CreateRecordAsync(_host, _a);
        var request = new SyncApi.GetClientProfileRequest { ClientId = _a.ClientId };
        const string GetClientProfile = "/vetactors.staffsync.v1.StaffSync/GetClientProfile";
        var before = await _a.CallAsync<SyncApi.GetClientProfileRequest, SyncApi.GetClientProfileResponse>(GetClientProfile, request, _a.StaffToken);

        await _a.CallAsync<SetNotificationPreferenceRequest, SetNotificationPreferenceResponse>(
            "/vetactors.portal.v1.Portal/SetNotificationPreference",
            new SetNotificationPreferenceRequest { Channel = NotificationChannel.Sms, OptedIn = false },
            _a.ClientToken);
        var optedOut = await _a.CallAsync<SyncApi.GetClientProfileRequest, SyncApi.GetClientProfileResponse>(GetClientProfile, request, _a.StaffToken);

        Assert.False(before.SmsOptOutIndicator);
        Assert.True(optedOut.SmsOptOutIndicator);
    }

    private static PimsRecord OwnerRecord(string id) => new(PimsRecordKind.Client, id, 1)
    {
        Client = new PimsClientData("Bea", "Stone", new PostalAddress("2 Oak Road", null, "Springfield", "IL", "62701"), ["+1 555 010 4040"], "bea@example.com"),
        Raw = "{}",
    };
}
