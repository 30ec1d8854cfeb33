using Grpc.Health.V1;
using VetActors.Rpc.Health;
using VetActors.Rpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Tests.Health;

public sealed class HealthServiceImplWatchTests : IDisposable
{
    private readonly HealthServiceImpl _health = new();
    private readonly CancellationTokenSource _client = new();
    private readonly RecordingServerStreamWriter<HealthCheckResponse> _stream = new();

    public void Dispose()
    {
        _client.Cancel();
        _client.Dispose();
    }

    private Task StartWatch(string service) =>
        _health.Watch(new HealthCheckRequest { Service = service }, _stream, new TestServerCallContext("/grpc.health.v1.Health/Watch", _client.Token));

    private async Task<ServingStatus[]> StatusesAsync(int count, Task watch) =>
        [.. (await _stream.WaitForCountAsync(count, watch)).Select(r => r.Status)];

    [Fact]
    public async Task Watch_KnownService_SendsCurrentStatusFirst()
    {
        _health.SetStatus("", ServingStatus.Serving);

        var watch = StartWatch("");

        Assert.Equal([ServingStatus.Serving], await StatusesAsync(1, watch));
        Assert.False(watch.IsCompleted);
    }

    [Fact]
    public async Task Watch_StatusChanges_SendsEachChangeInOrder()
    {
        _health.SetStatus("", ServingStatus.Serving);
        var watch = StartWatch("");
        await StatusesAsync(1, watch);

        _health.SetStatus("", ServingStatus.NotServing);
        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], await StatusesAsync(2, watch));
        _health.SetStatus("", ServingStatus.Serving);

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.Serving], await StatusesAsync(3, watch));
    }

    [Fact]
    public async Task Watch_SameStatusSetAgain_SendsNothingForIt()
    {
        _health.SetStatus("", ServingStatus.Serving);
        var watch = StartWatch("");
        await StatusesAsync(1, watch);

        _health.SetStatus("", ServingStatus.Serving);
        _health.SetStatus("", ServingStatus.NotServing);

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], await StatusesAsync(2, watch));
    }

    [Fact]
    public async Task Watch_OtherServiceChanges_SendsNothingForIt()
    {
        _health.SetStatus("a", ServingStatus.Serving);
        var watch = StartWatch("a");
        await StatusesAsync(1, watch);

        _health.SetStatus("b", ServingStatus.NotServing);
        _health.SetStatus("a", ServingStatus.NotServing);

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], await StatusesAsync(2, watch));
    }

    [Fact]
    public async Task Watch_UnknownService_SendsServiceUnknownAndStaysOpenUntilKnown()
    {
        var watch = StartWatch("vetactors.staff.v1.Staff");

        Assert.Equal([ServingStatus.ServiceUnknown], await StatusesAsync(1, watch));
        Assert.False(watch.IsCompleted);
        _health.SetStatus("vetactors.staff.v1.Staff", ServingStatus.Serving);

        Assert.Equal([ServingStatus.ServiceUnknown, ServingStatus.Serving], await StatusesAsync(2, watch));
    }

    [Fact]
    public async Task Watch_ServiceCleared_SendsServiceUnknown()
    {
        _health.SetStatus("a", ServingStatus.Serving);
        var watch = StartWatch("a");
        await StatusesAsync(1, watch);

        _health.ClearAll();

        Assert.Equal([ServingStatus.Serving, ServingStatus.ServiceUnknown], await StatusesAsync(2, watch));
    }

    [Fact]
    public async Task Watch_ClientCancels_EndsNormallyAndStopsSending()
    {
        _health.SetStatus("", ServingStatus.Serving);
        var watch = StartWatch("");
        await StatusesAsync(1, watch);

        await _client.CancelAsync();
        await watch;
        _health.SetStatus("", ServingStatus.NotServing);

        Assert.Equal([ServingStatus.Serving], _stream.Messages.Select(m => m.Status));
    }

    [Fact]
    public async Task Watch_SeveralWatchers_EachGetsEveryChange()
    {
        _health.SetStatus("", ServingStatus.Serving);
        var second = new RecordingServerStreamWriter<HealthCheckResponse>();
        var firstWatch = StartWatch("");
        var secondWatch = _health.Watch(new HealthCheckRequest(), second, new TestServerCallContext("/grpc.health.v1.Health/Watch", _client.Token));
        await StatusesAsync(1, firstWatch);
        await second.WaitForCountAsync(1, secondWatch);

        _health.SetStatus("", ServingStatus.NotServing);

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], await StatusesAsync(2, firstWatch));
        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], (await second.WaitForCountAsync(2, secondWatch)).Select(r => r.Status));
    }

    [Fact]
    public async Task Watch_ServerShutsDown_SendsNotServingThenEnds()
    {
        _health.SetStatus("", ServingStatus.Serving);
        var watch = StartWatch("");
        await StatusesAsync(1, watch);

        _health.Shutdown();
        await watch;

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], _stream.Messages.Select(m => m.Status));
    }

    [Fact]
    public async Task Watch_UnknownServiceWhenServerShutsDown_Ends()
    {
        var watch = StartWatch("a");
        await StatusesAsync(1, watch);

        _health.Shutdown();
        await watch;

        Assert.Equal([ServingStatus.ServiceUnknown], _stream.Messages.Select(m => m.Status));
    }

    [Fact]
    public async Task Watch_StartedAfterShutdown_SendsCurrentStatusAndEnds()
    {
        _health.SetStatus("", ServingStatus.Serving);
        _health.Shutdown();

        await StartWatch("");

        Assert.Equal([ServingStatus.NotServing], _stream.Messages.Select(m => m.Status));
    }
}
