using Grpc.Core;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.GrpcApi.Portal.Internal;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

internal sealed partial class PortalService
{
    // The subscription is to the caller's own client: events of other clients never reach this stream.
    [Allow(Callers.PortalClient)]
    public override async Task WatchMessages(
        WatchMessagesRequest request, IServerStreamWriter<WatchMessagesResponse> responseStream, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        using var subscription = events.SubscribeToClient(clinicId, clientId);
        await LiveStream.RunAsync(
            subscription, responseStream, new WatchMessagesResponse { Started = new StreamStarted() }, LiveMapping.ToPortalEvent, context.CancellationToken);
    }

    [Allow(Callers.PortalClient)]
    public override async Task<GetAccountResponse> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        var (clinicId, clientId) = Client(context);
        var profile = grains.GetGrain<IClientGrain>(GrainKeys.Client(clinicId, clientId)).GetProfileAsync();
        var consent = Consent(context).GetStatusAsync();
        return (await profile).ToAccount(await consent);
    }
}
