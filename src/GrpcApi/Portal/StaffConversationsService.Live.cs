using Grpc.Core;
using VetActors.GrpcApi.Portal.Internal;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

internal sealed partial class StaffConversationsService
{
    // The subscription is to the caller's clinic, from the session: another clinic's events never reach it.
    [Allow(Callers.StaffUser)]
    public override async Task WatchClinicEvents(
        WatchClinicEventsRequest request, IServerStreamWriter<WatchClinicEventsResponse> responseStream, ServerCallContext context)
    {
        using var subscription = events.SubscribeToClinic(context.GetClinicId());
        await LiveStream.RunAsync(
            subscription, responseStream, new WatchClinicEventsResponse { Started = new StreamStarted() }, LiveMapping.ToStaffEvent, context.CancellationToken);
    }
}
