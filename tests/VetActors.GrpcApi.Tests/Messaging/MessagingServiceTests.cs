using Grpc.Core;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;
using VetActors.GrpcApi.Messaging;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Messaging.V1;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Messaging;

public sealed class MessagingServiceTests : IAsyncLifetime
{
    private const string Rpc = "/vetactors.messaging.v1.Messaging/ReceiveSms";
    private const string ClinicNumber = "+15550100100";
    private const string Phone = "+15550123456";
    private const string ClientId = "c-clinic-a";
    private readonly ApiTestHost _host = new();
    private ClinicWorld _world = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _world = await ClinicWorld.CreateAsync(_host, "clinic-a");
        _host.PhoneDirectory.Add("clinic-a", Phone, ClientId);
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private static ServerCallContext Gateway => TestServerCallContext.For(Principal.InternalService);

    [Theory]
    [InlineData("STOP")]
    [InlineData("  stop ")]
    [InlineData("Unsubscribe")]
    [InlineData("OPTOUT")]
    public async Task ReceiveSms_OptOutKeyword_OptsOutAndQueuesExactlyOneConfirmation(string text)
    {
        var before = _host.Outbox.Messages.Count;

        var response = await ReceiveAsync(text);

        Assert.Equal(SmsKeyword.OptOut, response.Keyword);
        Assert.Equal(1, response.MatchedClients);
        Assert.False(await Consent(ClientId).MaySendAsync(ConsentChannel.Sms));
        var confirmation = Assert.Single(_host.Outbox.Messages.Skip(before));
        Assert.Equal((MessageChannel.Sms, Phone, true), (confirmation.Channel, confirmation.To, confirmation.IsKeywordReply));
        Assert.Equal(response.Reply, confirmation.Body);
        Assert.Contains("Clinic clinic-a", confirmation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveSms_StopFromAPhoneSharedByTwoClients_OptsOutEachAndQueuesOneConfirmation()
    {
        _host.PhoneDirectory.Add("clinic-a", "+1 (555) 012-3456", "c-partner");
        var before = _host.Outbox.Messages.Count;

        var response = await ReceiveAsync("STOP");

        Assert.Equal(2, response.MatchedClients);
        Assert.False(await Consent(ClientId).MaySendAsync(ConsentChannel.Sms));
        Assert.False(await Consent("c-partner").MaySendAsync(ConsentChannel.Sms));
        Assert.Single(_host.Outbox.Messages.Skip(before));
    }

    [Fact]
    public async Task ReceiveSms_StopThenStart_StaffProfileIndicatorShowsThenClears()
    {
        var staff = _host.Service<StaffConversationsService>();
        var context = TestServerCallContext.For(Principal.StaffUser(
            "clinic-a", new StaffPrincipal(_world.StaffUserId, "frontdesk", StaffRole.Staff, StaffPermissions.None), "session-1", "practice-1"));

        await ReceiveAsync("STOP");
        var stopped = await staff.GetClientConsent(new GetClientConsentRequest { ClientId = ClientId }, context);
        var started = await ReceiveAsync("start");
        var resumed = await staff.GetClientConsent(new GetClientConsentRequest { ClientId = ClientId }, context);

        Assert.True(stopped.Consent.SmsOptOutIndicator);
        Assert.Equal(SmsKeyword.OptIn, started.Keyword);
        Assert.False(resumed.Consent.SmsOptOutIndicator);
        Assert.True(await Consent(ClientId).MaySendAsync(ConsentChannel.Sms));
        Assert.Equal(["STOP", "START"], (await Consent(ClientId).GetLedgerAsync()).Select(c => c.Keyword));
    }

    [Fact]
    public async Task ReceiveSms_Help_AnswersWithTheClinicsNameAndPhoneAndChangesNothing()
    {
        var response = await ReceiveAsync("help");

        Assert.Equal(SmsKeyword.Help, response.Keyword);
        Assert.Contains("+1 555 010 0199", response.Reply, StringComparison.Ordinal);
        Assert.Equal(response.Reply, _host.Outbox.Messages[^1].Body);
        Assert.Empty(await Consent(ClientId).GetLedgerAsync());
    }

    [Fact]
    public async Task ReceiveSms_OrdinaryTextWithoutActiveConversation_OpensOne()
    {
        var before = _host.Outbox.Messages.Count;

        var response = await ReceiveAsync("Can Rex come in on Friday?");

        Assert.Equal(SmsKeyword.None, response.Keyword);
        Assert.Equal("", response.Reply);
        var active = await Conversations().GetActiveAsync();
        Assert.NotNull(active);
        Assert.Equal([active.Id], response.ConversationIds);
        Assert.Equal(MessagingService.TextMessageSubject, active.Subject);
        Assert.Equal("Can Rex come in on Friday?", Assert.Single(active.Messages).Text);
        Assert.Equal(before, _host.Outbox.Messages.Count);
    }

    [Fact]
    public async Task ReceiveSms_OrdinaryTextWithActiveConversation_JoinsIt()
    {
        var open = await Conversations().StartAsync(new ConversationRequest("Refill", "Tablets please", []));

        var response = await ReceiveAsync("Stop by tomorrow?");

        Assert.Equal(SmsKeyword.None, response.Keyword);
        Assert.Equal([open.Id], response.ConversationIds);
        var active = await Conversations().GetActiveAsync();
        Assert.Equal(["Tablets please", "Stop by tomorrow?"], active!.Messages.Select(m => m.Text));
        Assert.True(await Consent(ClientId).MaySendAsync(ConsentChannel.Sms));
    }

    [Fact]
    public async Task ReceiveSms_UnknownClinicNumber_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ReceiveSmsRequest, ReceiveSmsResponse>(
            Rpc, new ReceiveSmsRequest { ToNumber = "+15559999999", FromNumber = Phone, Text = "STOP" }, ClinicWorld.Internal));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Empty(await Consent(ClientId).GetLedgerAsync());
    }

    [Fact]
    public async Task ReceiveSms_UnknownPhone_MatchesNobodyAndChangesNothing()
    {
        var before = _host.Outbox.Messages.Count;

        var response = await _host.InvokeAsync<ReceiveSmsRequest, ReceiveSmsResponse>(
            Rpc, new ReceiveSmsRequest { ToNumber = ClinicNumber, FromNumber = "+15550000000", Text = "STOP" }, ClinicWorld.Internal);

        Assert.Equal(0, response.MatchedClients);
        Assert.Equal(before, _host.Outbox.Messages.Count);
    }

    [Fact]
    public async Task ReceiveSms_EmptyText_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ReceiveSmsRequest, ReceiveSmsResponse>(
            Rpc, new ReceiveSmsRequest { ToNumber = ClinicNumber, FromNumber = Phone, Text = "  " }, ClinicWorld.Internal));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task ReceiveSms_CalledByAPortalClient_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.InvokeAsync<ReceiveSmsRequest, ReceiveSmsResponse>(
            Rpc, new ReceiveSmsRequest { ToNumber = ClinicNumber, FromNumber = Phone, Text = "STOP" }, _world.ClientToken));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty(await Consent(ClientId).GetLedgerAsync());
    }

    private Task<ReceiveSmsResponse> ReceiveAsync(string text) =>
        _host.Service<MessagingService>().ReceiveSms(new ReceiveSmsRequest { ToNumber = ClinicNumber, FromNumber = Phone, Text = text }, Gateway);

    private IClientConsentGrain Consent(string clientId) => _host.Grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent("clinic-a", clientId));

    private IClientConversationsGrain Conversations() =>
        _host.Grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations("clinic-a", ClientId));
}
