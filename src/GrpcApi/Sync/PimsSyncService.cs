using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Pims.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>
/// The agent's stream: hello, then batches and heartbeats, each answered in order. The clinic and agent come from
/// the API key; the sync grain holds every rule (sequence, idempotency, policy). Batches are read one at a time,
/// so an agent that sends ahead is held back by HTTP/2 flow control, within the window the welcome announced.
/// </summary>
internal sealed class PimsSyncService(IGrainFactory grains) : PimsSync.PimsSyncBase
{
    [Allow(Callers.PimsAgent)]
    public override async Task Sync(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<ServerMessage> responseStream, ServerCallContext context)
    {
        var principal = context.GetPrincipal();
        var cancellationToken = context.CancellationToken;
        var sync = grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(principal.ClinicId!));
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }

        var hello = requestStream.Current.Hello
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of a sync stream must be a hello."));
        var start = await sync.ConnectAsync(PimsSyncMapping.ToHello(hello, principal.AgentId ?? hello.AgentId));
        await responseStream.WriteAsync(new ServerMessage { Welcome = PimsSyncMapping.ToWelcome(start) }, cancellationToken);
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                var message = requestStream.Current;
                switch (message.MessageCase)
                {
                    case AgentMessage.MessageOneofCase.Batch:
                        var ack = await sync.ApplyBatchAsync(start.SessionId, PimsSyncMapping.ToBatch(message.Batch));
                        await responseStream.WriteAsync(new ServerMessage { Ack = PimsSyncMapping.ToAck(ack) }, cancellationToken);
                        break;
                    case AgentMessage.MessageOneofCase.Heartbeat:
                        var resync = await sync.HeartbeatAsync(start.SessionId);
                        await responseStream.WriteAsync(
                            resync ? new ServerMessage { Resync = new Resync { Reason = "Staff or the server asked for a full re-send." } }
                                   : new ServerMessage { Heartbeat = new Heartbeat() },
                            cancellationToken);
                        break;
                    default:
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "After the hello, an agent sends batches and heartbeats only."));
                }
            }
        }
        finally
        {
            // The session's end is history staff see; it is recorded even when the stream broke.
            await sync.DisconnectAsync(start.SessionId);
        }
    }
}
