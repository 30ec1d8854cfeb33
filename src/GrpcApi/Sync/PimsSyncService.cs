using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Sync;
using VetActors.GrpcApi.Security;
using VetActors.GrpcApi.Sync.Internal;
using VetActors.Protos.Pims.V1;

namespace VetActors.GrpcApi.Sync;

/// <summary>
/// The agent's stream: hello, then batches and heartbeats, each answered in order. The clinic and agent come from
/// the API key; the sync grain holds every rule (sequence, idempotency, policy). The stream is read ahead by at
/// most the window the welcome announced (<see cref="AgentInbox"/>). When nothing has passed for a heartbeat
/// interval the server sends its own heartbeat, or a resync if staff asked for one, so a resync reaches an open
/// stream within one interval.
/// </summary>
internal sealed class PimsSyncService(IGrainFactory grains, TimeProvider time) : PimsSync.PimsSyncBase
{
    private const string ResyncReason = "Staff or the server asked for a full re-send.";

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
        var inbox = new AgentInbox(start.MaxUnacknowledgedBatches);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = inbox.PumpAsync(requestStream, stop.Token);

        // A resync announced unasked (after an ack or on an idle stream) is said once per stream.
        var resyncSaid = start.ResyncRequested;

        // A zero interval would spin; the options' default applies then.
        var interval = start.HeartbeatInterval > TimeSpan.Zero ? start.HeartbeatInterval : new PimsSyncOptions().HeartbeatInterval;
        try
        {
            Task<bool>? arrived = null;
            while (true)
            {
                arrived ??= inbox.Messages.WaitToReadAsync(stop.Token).AsTask();
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                {
                    var tick = Task.Delay(interval, time, idle.Token);
                    var first = await Task.WhenAny(arrived, tick);
                    await idle.CancelAsync();
                    if (first == tick)
                    {
                        var resync = !resyncSaid && await sync.IsResyncRequestedAsync();
                        resyncSaid |= resync;
                        await responseStream.WriteAsync(resync ? ResyncMessage() : new ServerMessage { Heartbeat = new Heartbeat() }, cancellationToken);
                        continue;
                    }
                }

                if (!await arrived)
                {
                    break;
                }

                arrived = null;
                while (inbox.Messages.TryRead(out var message))
                {
                    if (message.MessageCase == AgentMessage.MessageOneofCase.Batch)
                    {
                        var ack = await sync.ApplyBatchAsync(start.SessionId, PimsSyncMapping.ToBatch(message.Batch));
                        await responseStream.WriteAsync(new ServerMessage { Ack = PimsSyncMapping.ToAck(ack) }, cancellationToken);
                        inbox.Acknowledged();
                        if (ack.ResyncRequested && !resyncSaid)
                        {
                            resyncSaid = true;
                            await responseStream.WriteAsync(ResyncMessage(), cancellationToken);
                        }
                    }
                    else
                    {
                        var resync = await sync.HeartbeatAsync(start.SessionId);
                        resyncSaid |= resync;
                        await responseStream.WriteAsync(resync ? ResyncMessage() : new ServerMessage { Heartbeat = new Heartbeat() }, cancellationToken);
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;

            // The session's end is history staff see; it is recorded even when the stream broke.
            await sync.DisconnectAsync(start.SessionId);
        }
    }

    private static ServerMessage ResyncMessage() => new() { Resync = new Resync { Reason = ResyncReason } };
}
