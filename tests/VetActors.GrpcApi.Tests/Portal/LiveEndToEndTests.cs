using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Grains.Clients;
using VetActors.Grains.Events;
using VetActors.Grains.Events.Internal;
using VetActors.Grains.Identity;
using VetActors.Grains.Identity.Internal;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Tests.Appointments;
using VetActors.GrpcApi.Tests.EndToEnd;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Identity.V1;
using VetActors.Protos.Messaging.V1;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;
using SyncApi = VetActors.Protos.StaffSync.V1;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// The live streams over real gRPC (HTTP/2 on Kestrel, PostgreSQL storage) with VetActors' own channel. Two clinics
/// are onboarded and their administrators sign in through the API; clinic A's clients arrive through PIMS sync;
/// their portal sessions are opened the way code sign-in opens them.
/// </summary>
public sealed partial class LiveEndToEndTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    private const string Password = "correct horse battery";
    private const string AnnPhone = "+1 555 020 7777";
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress("http://" + server.Target);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task WatchMessages_OverRealGrpc_GetsStaffRepliesAndOwnMessagesOnlyAndEndsOnCancel()
    {
        var clinic = await OnboardAsync("e2e-live-msg", "+1 555 020 0101");
        var (ann, bob) = await ImportOwnersAsync(clinic.Id);
        using var leave = new CancellationTokenSource();
        using var watch = Watch<WatchMessagesRequest, WatchMessagesResponse>("Portal", "WatchMessages", new WatchMessagesRequest(), ann, leave.Token);
        var started = await NextAsync(watch);

        var conversation = (await CallAsync<StartConversationRequest, StartConversationResponse>(
            "portal", "Portal", "StartConversation", new StartConversationRequest { Subject = "Refill", Text = "Tablets please" }, ann)).Conversation;
        await CallAsync<StartConversationRequest, StartConversationResponse>(
            "portal", "Portal", "StartConversation", new StartConversationRequest { Subject = "Bob's", Text = "Not for Ann" }, bob);
        await CallAsync<ReplyToConversationRequest, ReplyToConversationResponse>(
            "portal", "StaffConversations", "ReplyToConversation", new ReplyToConversationRequest { ConversationId = conversation.Id, Text = "Ready at 5." }, clinic.AdminToken);
        var own = await NextAsync(watch);
        var reply = await NextAsync(watch);
        await leave.CancelAsync();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(WatchMessagesResponse.EventOneofCase.Started, started.EventCase);
        Assert.Equal((conversation.Id, "Tablets please", false), (own.Message.ConversationId, own.Message.Text, own.Message.FromStaff));
        // Bob's message was published between the two: had it leaked, it would be here instead of the reply.
        Assert.Equal((conversation.Id, "Ready at 5.", true, clinic.AdminUserId), (reply.Message.ConversationId, reply.Message.Text, reply.Message.FromStaff, reply.Message.AuthorId));
        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        // The server ended the call and unsubscribed.
        var hub = (ClinicEventHub)server.Services.GetRequiredService<IClinicEventHub>();
        await Awaiting.UntilAsync(() => hub.SubscriberCount(clinic.Id) == 0, "the stream's subscription to end");
    }

    [Fact]
    public async Task StopThenStart_OverRealGrpc_StaffProfileIndicatorAndClinicStreamFollowAndOtherClinicSeesNothing()
    {
        var clinic = await OnboardAsync("e2e-live-sms", "+1 555 020 0202");
        var other = await OnboardAsync("e2e-live-other", "+1 555 020 0303");
        await ImportOwnersAsync(clinic.Id);
        using var leave = new CancellationTokenSource();
        using var staffA = Watch<WatchClinicEventsRequest, WatchClinicEventsResponse>("StaffConversations", "WatchClinicEvents", new WatchClinicEventsRequest(), clinic.AdminToken, leave.Token);
        using var staffB = Watch<WatchClinicEventsRequest, WatchClinicEventsResponse>("StaffConversations", "WatchClinicEvents", new WatchClinicEventsRequest(), other.AdminToken, leave.Token);
        Assert.Equal(WatchClinicEventsResponse.EventOneofCase.Started, (await NextAsync(staffA)).EventCase);
        Assert.Equal(WatchClinicEventsResponse.EventOneofCase.Started, (await NextAsync(staffB)).EventCase);
        var annId = PimsSyncKeys.ClientIdFor("ann");
        var before = await ProfileAsync(clinic, annId);

        var stop = await TextAsync(clinic.SmsNumber, "STOP");
        var optOut = await NextAsync(staffA);
        var whileOut = await ProfileAsync(clinic, annId);
        var start = await TextAsync(clinic.SmsNumber, " start ");
        var optIn = await NextAsync(staffA);
        var after = await ProfileAsync(clinic, annId);
        // Clinic B's first event after all of clinic A's: its own sync starting.
        await server.Services.GetRequiredService<IGrainFactory>().GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(other.Id))
            .ConnectAsync(new AgentHello("agent-b", "AVImark", "19.1", 0, FullImport: true, TotalRecords: null));
        var otherFirst = await NextAsync(staffB);
        await leave.CancelAsync();

        Assert.False(before.SmsOptOutIndicator);
        Assert.Equal((SmsKeyword.OptOut, 1), (stop.Keyword, stop.MatchedClients));
        Assert.Equal((annId, ConsentEventKind.SmsOptOut, "STOP", true), (optOut.Consent.ClientId, optOut.Consent.Kind, optOut.Consent.Keyword, optOut.Consent.SmsOptOutIndicator));
        Assert.True(whileOut.SmsOptOutIndicator);
        Assert.Equal((SmsKeyword.OptIn, 1), (start.Keyword, start.MatchedClients));
        Assert.Equal((annId, ConsentEventKind.SmsOptIn, "START", false), (optIn.Consent.ClientId, optIn.Consent.Kind, optIn.Consent.Keyword, optIn.Consent.SmsOptOutIndicator));
        Assert.False(after.SmsOptOutIndicator);
        Assert.Equal(WatchClinicEventsResponse.EventOneofCase.Sync, otherFirst.EventCase);
        Assert.Equal(SyncApi.IntegrationState.Importing, otherFirst.Sync.State);
    }

    [Fact]
    public async Task GetAccount_OverRealGrpc_ShowsThePimsRecordAndPreferences()
    {
        var clinic = await OnboardAsync("e2e-live-acct", "+1 555 020 0404");
        var (ann, _) = await ImportOwnersAsync(clinic.Id);
        await CallAsync<SetNotificationPreferenceRequest, SetNotificationPreferenceResponse>(
            "portal", "Portal", "SetNotificationPreference", new SetNotificationPreferenceRequest { Channel = NotificationChannel.Email, OptedIn = false }, ann);

        var account = await CallAsync<GetAccountRequest, GetAccountResponse>("portal", "Portal", "GetAccount", new GetAccountRequest(), ann);

        Assert.Equal((PimsSyncKeys.ClientIdFor("ann"), "Ann", "Lee", "ann@e2e.example"), (account.ClientId, account.FirstName, account.LastName, account.Email));
        Assert.Equal([AnnPhone], account.Phones);
        Assert.Equal("3 Birch Lane", account.Address.Line1);
        Assert.Equal((false, true), (account.EmailOptedIn, account.SmsOptedIn));
        Assert.NotNull(account.DataAsOf);
    }

    private Task<SyncApi.GetClientProfileResponse> ProfileAsync(Clinic clinic, string clientId) =>
        CallAsync<SyncApi.GetClientProfileRequest, SyncApi.GetClientProfileResponse>(
            "staffsync", "StaffSync", "GetClientProfile", new SyncApi.GetClientProfileRequest { ClientId = clientId }, clinic.AdminToken);

    private Task<ReceiveSmsResponse> TextAsync(string clinicNumber, string text) =>
        CallAsync<ReceiveSmsRequest, ReceiveSmsResponse>(
            "messaging", "Messaging", "ReceiveSms", new ReceiveSmsRequest { ToNumber = clinicNumber, FromNumber = "+15550207777", Text = text }, ApiTestHost.InternalServiceKey);

    /// <summary>Imports Ann (with a phone) and Bob into the clinic through its sync grain and opens both owners' portal sessions.</summary>
    private async Task<(string Ann, string Bob)> ImportOwnersAsync(string clinicId)
    {
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var sync = grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(clinicId));
        var session = await sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, FullImport: true, TotalRecords: 2));
        var ack = await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(
            1,
            [
                Owner("ann", "Ann", "Lee", "ann@e2e.example", AnnPhone),
                Owner("bob", "Bob", "Stone", "bob@e2e.example", "+1 555 020 8888"),
            ],
            EndOfImport: true));
        Assert.Equal(2, ack.Applied.Count);
        var expires = server.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1);
        var ann = await Sessions.OpenAsync(grains, clinicId, SessionKind.PortalClient, PimsSyncKeys.ClientIdFor("ann"), null, expires);
        var bob = await Sessions.OpenAsync(grains, clinicId, SessionKind.PortalClient, PimsSyncKeys.ClientIdFor("bob"), null, expires);
        return (ann.Token, bob.Token);

        static PimsRecord Owner(string id, string first, string last, string email, string phone) => new(PimsRecordKind.Client, id, 1)
        {
            Client = new PimsClientData(first, last, new PostalAddress("3 Birch Lane", null, "Springfield", "IL", "62701"), [phone], email),
            Raw = "{}",
        };
    }

    private async Task<Clinic> OnboardAsync(string clinicId, string smsNumber)
    {
        var practiceId = "P-" + clinicId;
        var email = $"admin@{clinicId}.example";
        var profile = ClinicWorld.NewClinic(clinicId, practiceId);
        profile.SmsNumber = smsNumber;
        await CallAsync<CreateClinicRequest, Protos.Admin.V1.Clinic>(
            "admin", "ClinicAdmin", "CreateClinic", new CreateClinicRequest { Clinic = profile, PracticePassword = ClinicWorld.PracticePassword }, ApiTestHost.InternalServiceKey);
        var admin = await CallAsync<InviteSiteAdministratorRequest, InviteSiteAdministratorResponse>(
            "admin", "ClinicAdmin", "InviteSiteAdministrator",
            new InviteSiteAdministratorRequest { ClinicId = clinicId, Username = "ada", Name = "Ada Admin", Email = email }, ApiTestHost.InternalServiceKey);
        await CallAsync<AcceptInvitationRequest, AcceptInvitationResponse>(
            "identity", "SignIn", "AcceptInvitation", new AcceptInvitationRequest { Token = await InvitationTokenAsync(email), Password = Password }, null);
        var practice = await CallAsync<PracticeLoginRequest, PracticeLoginResponse>(
            "identity", "SignIn", "PracticeLogin", new PracticeLoginRequest { PracticeId = practiceId, PracticePassword = ClinicWorld.PracticePassword }, null);
        var user = await CallAsync<UserLoginRequest, UserLoginResponse>(
            "identity", "SignIn", "UserLogin", new UserLoginRequest { Username = "ada", Password = Password }, practice.Session.Token);
        return new Clinic(clinicId, smsNumber, user.Session.Token, admin.UserId);
    }

    private async Task<string> InvitationTokenAsync(string to)
    {
        string? token = null;
        await Awaiting.UntilAsync(
            () =>
            {
                var mail = Directory.Exists(server.PickupDirectory)
                    ? Directory.GetFiles(server.PickupDirectory, "*.eml").Select(File.ReadAllText).LastOrDefault(t => t.Contains("To: " + to + "\r\n", StringComparison.Ordinal))
                    : null;
                token = mail is null ? null : RawGrpcCalls.InvitationToken().Match(mail).Value;
                return !string.IsNullOrEmpty(token);
            },
            "invitation email for " + to);
        return token!;
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string package, string service, string method, TRequest request, string? token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        return await RawGrpcCalls.UnaryAsync<TRequest, TResponse>(_channel, $"vetactors.{package}.v1.{service}", method, request, token);
    }

    private AsyncServerStreamingCall<TResponse> Watch<TRequest, TResponse>(string service, string method, TRequest request, string token, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        var descriptor = RawGrpcCalls.Describe<TRequest, TResponse>(MethodType.ServerStreaming, $"vetactors.portal.v1.{service}", method);
        return _channel.CreateCallInvoker().AsyncServerStreamingCall(descriptor, null, new CallOptions(Headers(token), cancellationToken: cancellationToken), request);
    }

    // The bound is a hang guard turning a message that never comes into a failure; nothing is measured against it.
    private static async Task<T> NextAsync<T>(AsyncServerStreamingCall<T> call)
        where T : class
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.True(await call.ResponseStream.MoveNext(hangGuard.Token), "The stream ended.");
        return call.ResponseStream.Current;
    }

    private static Metadata Headers(string? token)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return headers;
    }



    private sealed record Clinic(string Id, string SmsNumber, string AdminToken, string AdminUserId);
}
