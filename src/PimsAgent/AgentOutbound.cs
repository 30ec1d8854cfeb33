using Grpc.Core;
using VetActors.Protos.Pims.V1;

namespace VetActors.PimsAgent;

/// <summary>
/// The agent's side of one stream: one write at a time (batches and heartbeats come from different loops), and
/// a heartbeat whenever nothing has been sent for the heartbeat interval, timed by the injected clock.
/// </summary>
internal sealed class AgentOutbound(IClientStreamWriter<AgentMessage> stream, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private long _lastSentTicks = time.GetUtcNow().UtcTicks;

    public async Task SendAsync(AgentMessage message)
    {
        await _writing.WaitAsync();
        try
        {
            // Stamped before the write: the server may answer before the write returns.
            Interlocked.Exchange(ref _lastSentTicks, time.GetUtcNow().UtcTicks);
            await stream.WriteAsync(message);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Sends a heartbeat each time the stream has been idle for <paramref name="interval"/>, until cancelled.</summary>
    public async Task HeartbeatWhenIdleAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = new DateTimeOffset(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero) + interval;
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await SendAsync(new AgentMessage { Heartbeat = new Heartbeat() });
        }
    }

    public void Dispose() => _writing.Dispose();
}
