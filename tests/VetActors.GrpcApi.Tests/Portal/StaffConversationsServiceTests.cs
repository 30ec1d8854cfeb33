using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Portal.V1;
using AuthorKind = VetActors.Protos.Portal.V1.AuthorKind;
using ConversationStatus = VetActors.Protos.Portal.V1.ConversationStatus;
using GrainsConsentSource = VetActors.Grains.Consent.ConsentSource;
using ProtoConsentSource = VetActors.Protos.Portal.V1.ConsentSource;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed class StaffConversationsServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.portal.v1.StaffConversations/";
    private const string ClientId = "c-clinic-a";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private StaffConversationsService Service => _host.Service<StaffConversationsService>();

    private ServerCallContext Staff(string clinicId = "clinic-a") => TestServerCallContext.For(Principal.StaffUser(
        clinicId, new StaffPrincipal(_world.StaffUserId, "frontdesk", StaffRole.Staff, StaffPermissions.None), "session-1", "practice-1"));

    [Fact]
    public async Task ReplyToConversation_Active_AddsTheStaffMessageUnreadForTheClient()
    {
        var conversation = await StartAsync();

        var reply = await Service.ReplyToConversation(new ReplyToConversationRequest { ConversationId = conversation.Id, Text = "Ready at 5." }, Staff());

        Assert.Equal(AuthorKind.Staff, reply.Message.AuthorKind);
        Assert.Equal(_world.StaffUserId, reply.Message.AuthorId);
        var view = await ConversationGrain(conversation.Id).GetAsync(Participant.Client(ClientId));
        Assert.Equal(["Refill please", "Ready at 5."], view.Messages.Select(m => m.Text));
        Assert.Equal(1, view.UnreadForClient);
    }

    [Fact]
    public async Task ReplyToConversation_Closed_IsFailedPreconditionAndChangesNothing()
    {
        var conversation = await StartAsync();
        await Service.CloseConversation(new CloseConversationRequest { ConversationId = conversation.Id }, Staff());

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ReplyToConversationRequest, ReplyToConversationResponse>(
            Rpc + "ReplyToConversation", new ReplyToConversationRequest { ConversationId = conversation.Id, Text = "Late" }, _world.StaffToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Single((await ConversationGrain(conversation.Id).GetAsync(Participant.Staff(_world.StaffUserId))).Messages);
    }

    [Fact]
    public async Task ReplyToConversation_AnotherClinicsConversation_IsNotFound()
    {
        var conversation = await StartAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Service.ReplyToConversation(
            new ReplyToConversationRequest { ConversationId = conversation.Id, Text = "Hi" }, Staff("clinic-b")));

        Assert.Equal(ConversationRules.NotFound, error.Code);
    }

    [Fact]
    public async Task CloseConversation_Active_ClosesItAndFreesTheClientForANewRequest()
    {
        var conversation = await StartAsync();

        var closed = await Service.CloseConversation(new CloseConversationRequest { ConversationId = conversation.Id }, Staff());

        Assert.Equal(ConversationStatus.Closed, closed.Conversation.Conversation.Status);
        Assert.Equal(_world.StaffUserId, closed.Conversation.ClosedBy);
        var next = await Conversations().StartAsync(new ConversationRequest("Next", "Again", []));
        Assert.NotEqual(conversation.Id, next.Id);
    }

    [Fact]
    public async Task CloseConversation_ClosedAlready_IsFailedPrecondition()
    {
        var conversation = await StartAsync();
        await Service.CloseConversation(new CloseConversationRequest { ConversationId = conversation.Id }, Staff());

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<CloseConversationRequest, CloseConversationResponse>(
            Rpc + "CloseConversation", new CloseConversationRequest { ConversationId = conversation.Id }, _world.StaffToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task GetUnreadCounts_ClientMessages_CountedUntilStaffReadThem()
    {
        var conversation = await StartAsync();
        await ConversationGrain(conversation.Id).SendAsync(new NewMessage(Participant.Client(ClientId), "And flea drops", []));

        var before = await Service.GetUnreadCounts(new GetUnreadCountsRequest { ClientId = ClientId }, Staff());
        await Service.MarkConversationReadByStaff(new MarkConversationReadByStaffRequest { ConversationId = conversation.Id }, Staff());
        var after = await Service.GetUnreadCounts(new GetUnreadCountsRequest { ClientId = ClientId }, Staff());

        Assert.Equal(2, before.Total);
        Assert.Equal((conversation.Id, 2), (Assert.Single(before.Conversations).ConversationId, before.Conversations[0].Unread));
        Assert.Equal(0, after.Total);
        Assert.Empty(after.Conversations);
    }

    [Fact]
    public async Task ListClientConversations_ShowsTheClientsConversationsWithStaffUnread()
    {
        var conversation = await StartAsync();

        var listed = Assert.Single((await Service.ListClientConversations(new ListClientConversationsRequest { ClientId = ClientId }, Staff())).Conversations);

        Assert.Equal(conversation.Id, listed.Conversation.Id);
        Assert.Equal(ClientId, listed.ClientId);
        Assert.Equal(1, listed.UnreadForStaff);
    }

    [Fact]
    public async Task SetClientNotificationPreference_StaffRecordsSmsOptOut_ShowsTheIndicator()
    {
        var set = await Service.SetClientNotificationPreference(
            new SetClientNotificationPreferenceRequest { ClientId = ClientId, Channel = NotificationChannel.Sms, OptedIn = false }, Staff());
        var shown = await Service.GetClientConsent(new GetClientConsentRequest { ClientId = ClientId }, Staff());

        Assert.True(set.Consent.SmsOptOutIndicator);
        Assert.Equal(ProtoConsentSource.Staff, shown.Consent.SmsOptOutSource);
        Assert.False(shown.Consent.Preferences.SmsOptedIn);
        Assert.Equal(_world.StaffUserId, Assert.Single(await Consent().GetLedgerAsync()).StaffUserId);
    }

    [Fact]
    public async Task SetClientNotificationPreference_OptInAClientWhoTextedStop_IsFailedPreconditionAndChangesNothing()
    {
        await Consent().ReceiveSmsAsync(new InboundSms("STOP", new ClinicContact("Clinic clinic-a", "+1 555 010 0199")));

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<SetClientNotificationPreferenceRequest, SetClientNotificationPreferenceResponse>(
            Rpc + "SetClientNotificationPreference",
            new SetClientNotificationPreferenceRequest { ClientId = ClientId, Channel = NotificationChannel.Sms, OptedIn = true },
            _world.StaffToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var status = await Consent().GetStatusAsync();
        Assert.Equal(GrainsConsentSource.SmsKeyword, status.SmsOptOutSource);
        Assert.Single(await Consent().GetLedgerAsync());
    }

    [Fact]
    public async Task GetClientConsent_NeverOptedOut_ShowsNoIndicator()
    {
        var shown = await Service.GetClientConsent(new GetClientConsentRequest { ClientId = ClientId }, Staff());

        Assert.False(shown.Consent.SmsOptOutIndicator);
        Assert.Equal(ProtoConsentSource.Unspecified, shown.Consent.SmsOptOutSource);
    }

    [Fact]
    public async Task GetClientConsent_InvalidClientId_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<GetClientConsentRequest, GetClientConsentResponse>(
            Rpc + "GetClientConsent", new GetClientConsentRequest { ClientId = "no/such" }, _world.StaffToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    private Task<ConversationView> StartAsync() => Conversations().StartAsync(new ConversationRequest("Refill", "Refill please", []));

    private IClientConversationsGrain Conversations() =>
        _host.Grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations("clinic-a", ClientId));

    private IConversationGrain ConversationGrain(string id) => _host.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation("clinic-a", id));

    private IClientConsentGrain Consent() => _host.Grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent("clinic-a", ClientId));
}
