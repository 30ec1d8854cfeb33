using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>A live server-streaming call in process: open once subscribed, disposed by leaving (cancelling) and awaiting its end.</summary>
internal sealed class LiveCall<TResponse> : IAsyncDisposable
    where TResponse : class
{
    private readonly CancellationTokenSource _leave = new();

    private LiveCall()
    {
    }

    public StreamRecorder<TResponse> Recorder { get; } = new();

    public Task Call { get; private set; } = Task.CompletedTask;

    /// <summary>Starts <paramref name="rpc"/> and returns once it wrote the message <paramref name="started"/> accepts.</summary>
    public static async Task<LiveCall<TResponse>> OpenAsync<TRequest>(
        ApiTestHost host, string rpc, TRequest request, string token, Func<TResponse, bool> started)
        where TRequest : class
    {
        var live = new LiveCall<TResponse>();
        live.Call = host.InvokeServerStreamingAsync(rpc, request, live.Recorder, token, live._leave.Token);
        if (await Task.WhenAny(live.Call, live.Recorder.WaitForAsync(started, "started")) == live.Call)
        {
            await live.Call;
        }

        return live;
    }

    public async ValueTask DisposeAsync()
    {
        await _leave.CancelAsync();
        try
        {
            await Call;
        }
        catch (Grpc.Core.RpcException)
        {
            // The test asserted the call's outcome already.
        }

        _leave.Dispose();
    }
}
