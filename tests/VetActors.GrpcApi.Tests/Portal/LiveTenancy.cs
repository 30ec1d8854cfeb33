using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Grains.Conversations;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.GrpcApi.Tests.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// Tenancy samples of the live streams and the account. A stream call subscribes, then clinic A's client gets
/// events (texts naming "clinic-a"), then the caller's own clinic gets a marker; the call ends (cancelled, as a
/// caller leaving) once the marker arrives, so whatever of clinic A's could reach a clinic B caller has by then.
/// </summary>
internal static class LiveTenancy
{
    public const string Marker = "marker";

    private const string Portal = "/vetactors.portal.v1.Portal/";
    private const string StaffConversations = "/vetactors.portal.v1.StaffConversations/";

    public static IEnumerable<KeyValuePair<string, TenancySample>> Samples()
    {
        yield return new(Portal + "WatchMessages", new TenancySample(null, StatusCode.OK, StatusCode.OK, async (host, world, token) =>
        {
            var caller = token == world.A.ClientToken ? world.A : world.B;
            return await WatchAsync<WatchMessagesRequest, WatchMessagesResponse>(
                host, Portal + "WatchMessages", token, m => m.Started is not null, m => m.Message?.Text == Marker, async () =>
                {
                    await StaffReplyAsync(host, world.A, "Ready at 5 (clinic-a)");
                    await StaffReplyAsync(host, caller, Marker);
                });
        }));
        yield return new(StaffConversations + "WatchClinicEvents", new TenancySample(null, StatusCode.OK, StatusCode.OK, async (host, world, token) =>
        {
            var caller = token == world.A.AdminToken ? world.A : world.B;
            return await WatchAsync<WatchClinicEventsRequest, WatchClinicEventsResponse>(
                host, StaffConversations + "WatchClinicEvents", token, m => m.Started is not null, m => m.ClientMessage?.Text == Marker, async () =>
                {
                    await ClientMessageAsync(host, world.A, "Refill please (clinic-a)");
                    await host.Grains.GetGrain<IClientConsentGrain>(GrainKeys.ClientConsent(world.A.ClinicId, world.A.ClientId))
                        .ReceiveSmsAsync(new InboundSms("STOP", new ClinicContact("Clinic clinic-a", "+1 555 010 0199")));
                    await ClientMessageAsync(host, caller, Marker);
                });
        }));

        // Clinic A's client has a record; clinic B's signed-in client has none (records are per clinic).
        yield return new(Portal + "GetAccount", new TenancySample(
            _ => new GetAccountRequest(), StatusCode.OK, StatusCode.NotFound, Arrange: (host, world) => CreateRecordAsync(host, world.A)));
    }

    /// <summary>Gives <paramref name="world"/>'s portal client a client record, as PIMS sync or sign-up would.</summary>
    public static Task<ClientProfile> CreateRecordAsync(ApiTestHost host, ClinicWorld world) =>
        host.Grains.GetGrain<IClientGrain>(GrainKeys.Client(world.ClinicId, world.ClientId)).CreateAsync(
            new ClientDetails("Ann", "Lee", new PostalAddress("1 Elm Street", null, "Springfield", "IL", "62701"), ["+1 555 010 2030"], world.ClientEmail),
            "portal");

    /// <summary>A staff reply in the client's active conversation (opened first when there is none).</summary>
    public static async Task StaffReplyAsync(ApiTestHost host, ClinicWorld world, string text) =>
        await (await ActiveConversationAsync(host, world)).SendAsync(new NewMessage(Participant.Staff(world.AdminUserId), text, []));

    /// <summary>A message from the client in its active conversation (opened first when there is none).</summary>
    public static async Task ClientMessageAsync(ApiTestHost host, ClinicWorld world, string text) =>
        await (await ActiveConversationAsync(host, world)).SendAsync(new NewMessage(Participant.Client(world.ClientId), text, []));

    private static async Task<IConversationGrain> ActiveConversationAsync(ApiTestHost host, ClinicWorld world)
    {
        var index = host.Grains.GetGrain<IClientConversationsGrain>(GrainKeys.ClientConversations(world.ClinicId, world.ClientId));
        var active = await index.GetActiveAsync() ?? await index.StartAsync(new ConversationRequest("Question", "Hello", []));
        return host.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(world.ClinicId, active.Id));
    }

    // Runs the stream until it is subscribed, lets events happen, waits for the one that ends the sample, then
    // leaves as a caller would (cancelling); a refused call surfaces its RpcException.
    private static async Task<string> WatchAsync<TRequest, TResponse>(
        ApiTestHost host, string rpc, string token, Func<TResponse, bool> started, Func<TResponse, bool> last, Func<Task> happen)
        where TRequest : class, new() where TResponse : class
    {
        var recorder = new StreamRecorder<TResponse>();
        using var leave = new CancellationTokenSource();
        var call = host.InvokeServerStreamingAsync(rpc, new TRequest(), recorder, token, leave.Token);
        if (await Task.WhenAny(call, recorder.WaitForAsync(started, "started")) == call)
        {
            await call;
            return string.Join("\n", recorder.Messages);
        }

        await happen();
        await recorder.WaitForAsync(last, "the last event");
        await leave.CancelAsync();
        await call;
        return string.Join("\n", recorder.Messages);
    }
}
