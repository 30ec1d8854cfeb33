using System.Threading.Channels;
using Grpc.Core;

namespace VetActors.PimsAgent.Tests.Infrastructure;

/// <summary>
/// Runs a duplex call against a server function in process: what the agent writes the server reads, and what the
/// server writes (or the status it fails with) the agent reads, as over a real stream.
/// </summary>
internal sealed class InProcessCallInvoker<TServerIn, TServerOut>(Func<IAsyncStreamReader<TServerIn>, IServerStreamWriter<TServerOut>, Task> server) : CallInvoker
    where TServerIn : class
    where TServerOut : class
{
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var toServer = Channel.CreateUnbounded<TServerIn>();
        var toClient = Channel.CreateUnbounded<TServerOut>();
        _ = Task.Run(async () =>
        {
            try
            {
                await server(new Reader<TServerIn>(toServer.Reader), new Writer<TServerOut>(toClient.Writer));
                toClient.Writer.TryComplete();
            }
            catch (Exception e)
            {
                toClient.Writer.TryComplete(e is RpcException ? e : new RpcException(new Status(StatusCode.Unknown, e.Message)));
            }

            toServer.Writer.TryComplete();
        });
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            (IClientStreamWriter<TRequest>)(object)new Writer<TServerIn>(toServer.Writer),
            (IAsyncStreamReader<TResponse>)(object)new Reader<TServerOut>(toClient.Reader),
            Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    private sealed class Reader<T>(ChannelReader<T> reader) : IAsyncStreamReader<T>
        where T : class
    {
        public T Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await reader.WaitToReadAsync(cancellationToken) || !reader.TryRead(out var item))
            {
                return false;
            }

            Current = item;
            return true;
        }
    }

    private sealed class Writer<T>(ChannelWriter<T> writer) : IClientStreamWriter<T>, IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(T message) => writer.TryWrite(message) ? Task.CompletedTask : throw new RpcException(new Status(StatusCode.Unavailable, "The stream is closed."));

        public Task CompleteAsync()
        {
            writer.TryComplete();
            return Task.CompletedTask;
        }
    }
}
