using System.Threading.Channels;
using Grpc.Core;
using VetActors.Protos.Pims.V1;

namespace VetActors.GrpcApi.Sync.Internal;

/// <summary>
/// Reads an agent's messages ahead of the batch applier, but never more than the welcome's window of unacknowledged
/// batches. The queue between the two is bounded (the window plus one heartbeat), so once it is full the stream is
/// not read and HTTP/2 flow control holds the agent back. An agent that sends a batch while the window is already
/// full breaks the protocol: the batches before it are still applied and acknowledged, then the stream ends with
/// RESOURCE_EXHAUSTED naming the batch and the window (the agent reconnects and resumes from the last ack).
/// </summary>
internal sealed class AgentInbox
{
    private readonly Channel<AgentMessage> _messages;
    private readonly int _window;
    private int _unacknowledged;

    public AgentInbox(int window)
    {
        _window = Math.Max(1, window);
        _messages = Channel.CreateBounded<AgentMessage>(new BoundedChannelOptions(_window + 1) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>Messages in arrival order; completes with the stream, or with the error that ended it.</summary>
    public ChannelReader<AgentMessage> Messages => _messages.Reader;

    /// <summary>Called once a batch's ack has been written: the agent may send one more.</summary>
    public void Acknowledged() => Interlocked.Decrement(ref _unacknowledged);

    /// <summary>Reads the stream to its end (or first error) into <see cref="Messages"/>; never throws.</summary>
    public async Task PumpAsync(IAsyncStreamReader<AgentMessage> requests, CancellationToken cancellationToken)
    {
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                var message = requests.Current;
                switch (message.MessageCase)
                {
                    case AgentMessage.MessageOneofCase.Batch:
                        var inFlight = Interlocked.Increment(ref _unacknowledged);
                        if (inFlight > _window)
                        {
                            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                                $"Batch {message.Batch.Sequence} arrived while {inFlight - 1} batches were unacknowledged; the welcome allows "
                                + $"{_window} (max_unacknowledged_batches). The batches before it are acknowledged; reconnect and resume "
                                + "from the last ack, sending a batch only when fewer than that are unacknowledged."));
                        }

                        break;
                    case AgentMessage.MessageOneofCase.Heartbeat:
                        break;
                    default:
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "After the hello, an agent sends batches and heartbeats only."));
                }

                await _messages.Writer.WriteAsync(message, cancellationToken);
            }

            _messages.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _messages.Writer.TryComplete(e);
        }
    }
}
