using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Testing;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.Grains.Events;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Events;

/// <summary>The grains publish what happened once it is durable: messages, consent changes, sync status.</summary>
public sealed class ClinicEventPublishingTests : IAsyncLifetime
{
    private const string Clinic = "42";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ClinicContact Contact = new("Harbor Vet", "+1 555 0100");

    private TestCluster _cluster = null!;
    private IClinicEventSubscription _events = null!;

    public async Task InitializeAsync()
    {
        _cluster = await new TestClusterBuilder { TimeProvider = new ManualTimeProvider(Start) }
            .AddGrainsFromAssembly(typeof(IClinicEventHub).Assembly)
            .ConfigureServices(services => services.AddClinicEvents())
            .BuildAndStartAsync();
        _events = _cluster.Services.GetRequiredService<IClinicEventHub>().SubscribeToClinic(Clinic);
    }

    public async Task DisposeAsync()
    {
        _events.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Conversation_OpenedAndAnswered_PublishesEachMessage()
    {
        var opened = await _cluster.GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(Clinic, "981"))
            .StartAsync(new ConversationRequest("Refill", "Tablets please", []));
        var reply = await _cluster.GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation(Clinic, opened.Id))
            .SendAsync(new NewMessage(Participant.Staff("vet-1"), "Ready at 5.", []));

        var first = Assert.IsType<ConversationMessagePosted>(await NextAsync());
        var second = Assert.IsType<ConversationMessagePosted>(await NextAsync());

        Assert.Equal((Clinic, "981", opened.Id, opened.Messages[0]), (first.ClinicId, first.ClientId, first.ConversationId, first.Message));
        Assert.Equal((Clinic, "981", opened.Id, reply), (second.ClinicId, second.ClientId, second.ConversationId, second.Message));
        Assert.Equal(Start, second.At);
    }

    [Fact]
    public async Task Conversation_RefusedMessage_PublishesNothing()
    {
        var opened = await _cluster.GrainFactory.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(Clinic, "981"))
            .StartAsync(new ConversationRequest("Refill", "Tablets please", []));
        var conversation = _cluster.GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Conversation(Clinic, opened.Id));
        await conversation.CloseAsync("vet-1");

        await Assert.ThrowsAsync<RuleViolation>(() => conversation.SendAsync(new NewMessage(Participant.Client("981"), "Too late", [])));
        await Consent("981").ReceiveSmsAsync(new InboundSms("STOP", Contact));

        Assert.IsType<ConversationMessagePosted>(await NextAsync());
        Assert.IsType<ClientConsentChanged>(await NextAsync());
    }

    [Fact]
    public async Task Consent_StopThenStart_PublishesEachChangeWithTheIndicator()
    {
        await Consent("981").ReceiveSmsAsync(new InboundSms(" stop ", Contact));
        await Consent("981").ReceiveSmsAsync(new InboundSms("STOP", Contact));
        await Consent("981").ReceiveSmsAsync(new InboundSms("START", Contact));

        var optOut = Assert.IsType<ClientConsentChanged>(await NextAsync());
        var optIn = Assert.IsType<ClientConsentChanged>(await NextAsync());

        Assert.Equal(("981", ConsentChannel.Sms, false, "STOP", true), (optOut.ClientId, optOut.Change.Channel, optOut.Change.OptedIn, optOut.Change.Keyword, optOut.Status.ShowSmsOptOutIndicator));
        // The repeated STOP changed nothing and published nothing: the next event is START's.
        Assert.Equal(("981", ConsentChannel.Sms, true, "START", false), (optIn.ClientId, optIn.Change.Channel, optIn.Change.OptedIn, optIn.Change.Keyword, optIn.Status.ShowSmsOptOutIndicator));
    }

    [Fact]
    public async Task Sync_ImportStaleAndBack_PublishesStateChangesAndAppliedBatches()
    {
        var sync = _cluster.GrainFactory.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(Clinic));
        var session = await sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, FullImport: true, TotalRecords: 2));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Records.Client("c1", email: "ann@example.com")]));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(2, [Records.Client("c2", email: "bob@example.com")], EndOfImport: true));
        await sync.HeartbeatAsync(session.SessionId);
        var beforeStale = new List<ClinicEvent> { await NextAsync(), await NextAsync(), await NextAsync() };

        // The stale check is a reminder, delivered on the runtime's threads once the clock passes it.
        _cluster.TimeProvider.Advance(new PimsSyncOptions().StaleAfter + TimeSpan.FromMinutes(5));
        var stale = await NextAsync();
        await sync.HeartbeatAsync(session.SessionId);
        var back = await NextAsync();

        Assert.Equal(
            [
                (IntegrationState.NotConnected, IntegrationState.Importing, (SyncBatchSummary?)null),
                (IntegrationState.Importing, IntegrationState.Importing, new SyncBatchSummary(1, 1, 0, 0)),
                (IntegrationState.Importing, IntegrationState.Live, new SyncBatchSummary(2, 1, 0, 0)),
                (IntegrationState.Live, IntegrationState.Stale, null),
                (IntegrationState.Stale, IntegrationState.Live, null),
            ],
            beforeStale.Append(stale).Append(back).Cast<SyncStatusChanged>().Select(e => (e.Previous, e.Status.State, e.Batch)));
        Assert.All(beforeStale, e => Assert.Equal(Clinic, e.ClinicId));
    }

    private IClientConsentGrain Consent(string clientId) =>
        _cluster.GrainFactory.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(Clinic, clientId));

    // Events published by a grain call are waiting by the time it returns; one published by a reminder comes on the
    // runtime's threads, so the read is bounded by a hang guard (a failure, never a measured deadline).
    private async Task<ClinicEvent> NextAsync()
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var clinicEvent in _events.ReadAllAsync(hangGuard.Token))
        {
            return clinicEvent;
        }

        throw new InvalidOperationException("The subscription ended.");
    }
}
