using Grpc.Core;
using VetActors.GrpcApi.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.GrpcApi.Tests.Sync;

/// <summary>
/// A PIMS agent's side of one real PimsSync call (bidirectional, over the network): the hello and its welcome, then
/// one batch at a time with its ack. The hang guard turns an answer that never comes into a failure; nothing is
/// measured against it.
/// </summary>
internal sealed class AgentStream : IAsyncDisposable
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);
    private readonly AsyncDuplexStreamingCall<AgentMessage, ServerMessage> _call;

    private AgentStream(AsyncDuplexStreamingCall<AgentMessage, ServerMessage> call) => _call = call;

    public Welcome Welcome { get; private set; } = new();

    public static async Task<AgentStream> OpenAsync(CallInvoker invoker, string agentToken, bool fullImport, long lastAcknowledged = 0)
    {
        var method = RawGrpcCalls.Describe<AgentMessage, ServerMessage>(MethodType.DuplexStreaming, "vetactors.pims.v1.PimsSync", "Sync");
        var headers = new Metadata { { "authorization", "Bearer " + agentToken } };
        var stream = new AgentStream(invoker.AsyncDuplexStreamingCall(method, null, new CallOptions(headers)));
        await stream._call.RequestStream.WriteAsync(new AgentMessage
        {
            Hello = new Hello
            {
                AgentId = "front-desk-agent", PimsKind = "AVImark", PimsVersion = "2024.1", LastAcknowledgedSequence = lastAcknowledged, FullImport = fullImport,
            },
        });
        stream.Welcome = (await stream.NextAsync()).Welcome ?? throw new InvalidOperationException("The server did not answer the hello with a welcome.");
        return stream;
    }

    /// <summary>Sends batch <paramref name="sequence"/> and returns its ack.</summary>
    public async Task<Ack> SendAsync(long sequence, IEnumerable<Record> records, bool endOfImport = false)
    {
        var batch = new Batch { Sequence = sequence, EndOfImport = endOfImport };
        batch.Records.AddRange(records);
        await _call.RequestStream.WriteAsync(new AgentMessage { Batch = batch });
        while (true)
        {
            var message = await NextAsync();
            if (message.Ack is { } ack)
            {
                return ack;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _call.RequestStream.CompleteAsync();
        using var guard = new CancellationTokenSource(s_hangGuard);
        while (await _call.ResponseStream.MoveNext(guard.Token))
        {
            // Drained: the server ends the call once it has read the agent's end of stream.
        }

        _call.Dispose();
    }

    private async Task<ServerMessage> NextAsync()
    {
        using var guard = new CancellationTokenSource(s_hangGuard);
        if (!await _call.ResponseStream.MoveNext(guard.Token))
        {
            throw new InvalidOperationException("The server ended the sync stream.");
        }

        return _call.ResponseStream.Current;
    }
}
