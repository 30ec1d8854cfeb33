using Grpc.Core;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>Deadlines and cancellation, driven by a manual clock and observed on the server side.</summary>
public sealed class GrpcChannelDeadlineTests
{
    private readonly ManualTimeProvider _clock = new();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private GrpcChannel Channel(FakeGrpcServer server, bool throwOperationCanceled = false) =>
        GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TimeProvider = _clock, ThrowOperationCanceledOnCancellation = throwOperationCanceled });

    /// <summary>A handler that starts a response and then waits for the client to go away.</summary>
    private static Func<HttpContext, Task> Hanging(TaskCompletionSource started, TaskCompletionSource aborted) => async context =>
    {
        await FakeGrpcServer.StartResponseAsync(context);
        started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            aborted.TrySetResult();
        }
    };

    [Theory]
    [InlineData(1500, "1500000u")]
    [InlineData(100_000_000, "100000S")]
    public async Task Deadline_SendsGrpcTimeoutFromTheClock(long milliseconds, string expected)
    {
        string? timeout = null;
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            timeout = context.Request.Headers["grpc-timeout"];
            await EchoWire.EchoHandler(context);
        });
        using var channel = Channel(server);

        await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), deadline: Now.AddMilliseconds(milliseconds));

        Assert.Equal(expected, timeout);
    }

    [Fact]
    public async Task Deadline_AlreadyPassed_SendsNothingAndFailsDeadlineExceeded()
    {
        await using var server = await FakeGrpcServer.StartAsync(EchoWire.EchoHandler);
        using var channel = Channel(server);

        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), deadline: Now.AddTicks(-1));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Deadline_PassesDuringCall_ResetsStreamAndFailsDeadlineExceeded()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(Hanging(started, aborted));
        using var channel = Channel(server);
        using var call = new EchoService.EchoServiceClient(channel).Expand(new EchoRequest(), deadline: Now.AddSeconds(5));
        await call.ResponseHeadersAsync;
        await started.Task;

        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(aborted.Task.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        await aborted.Task;

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(0, _clock.ActiveTimerCount);
    }

    [Fact]
    public async Task Deadline_WithThrowOperationCanceled_ThrowsOperationCanceled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(Hanging(started, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        using var channel = Channel(server, throwOperationCanceled: true);
        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), deadline: Now.AddSeconds(1));
        await started.Task;

        _clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerResetAfterDeadline_IsDeadlineExceeded()
    {
        var clockMoved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await clockMoved.Task;
            FakeGrpcServer.Reset(context, 0x8);
        });
        // No timer fires on this clock: the server's RST_STREAM(CANCEL) arrives first, after the deadline.
        var frozen = new FrozenTimersClock();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TimeProvider = frozen });
        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), deadline: frozen.GetUtcNow().UtcDateTime.AddSeconds(1));
        await call.ResponseHeadersAsync;

        frozen.Now += TimeSpan.FromSeconds(2);
        clockMoved.SetResult();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task CancellationToken_CancelledDuringCall_ResetsStreamAndFailsCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(Hanging(started, aborted));
        using var channel = Channel(server);
        using var cts = new CancellationTokenSource();
        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), cancellationToken: cts.Token);
        await started.Task;

        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        await aborted.Task;

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task CancellationToken_AlreadyCancelled_SendsNothing()
    {
        await using var server = await FakeGrpcServer.StartAsync(EchoWire.EchoHandler);
        using var channel = Channel(server);

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), cancellationToken: new CancellationToken(true)).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task CancellationToken_WithThrowOperationCanceled_ThrowsOperationCanceled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(Hanging(started, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        using var channel = Channel(server, throwOperationCanceled: true);
        using var cts = new CancellationTokenSource();
        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), cancellationToken: cts.Token);
        await started.Task;

        await cts.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.ResponseAsync);
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Dispose_UnfinishedCall_ResetsStreamWithCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(Hanging(started, aborted));
        using var channel = Channel(server);
        var call = new EchoService.EchoServiceClient(channel).Expand(new EchoRequest());
        await started.Task;

        call.Dispose();
        await aborted.Task;

        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task ChannelDispose_CancelsActiveCallsAndRefusesNewOnes()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(Hanging(started, aborted));
        var channel = Channel(server);
        var client = new EchoService.EchoServiceClient(channel);
        using var call = client.EchoAsync(new EchoRequest());
        await started.Task;

        channel.Dispose();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Throws<ObjectDisposedException>(() => client.EchoAsync(new EchoRequest()));
    }

    [Fact]
    public async Task PropagationToken_ParentDeadlineAndCancellation_ApplyToChildCall()
    {
        string? timeout = null;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = Hanging(started, aborted);
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            timeout = context.Request.Headers["grpc-timeout"];
            return hanging(context);
        });
        using var channel = Channel(server);
        using var parentCts = new CancellationTokenSource();
        var parent = new TestPropagationToken(Now.AddSeconds(2), parentCts.Token);

        using var call = new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), new CallOptions(deadline: Now.AddSeconds(30), propagationToken: parent));
        await started.Task;
        await parentCts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        await aborted.Task;

        Assert.Equal("2000000u", timeout);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private sealed class TestPropagationToken(DateTime deadline, CancellationToken cancellationToken) : ContextPropagationToken
    {
        public override DateTime ParentDeadline => deadline;

        public override CancellationToken ParentCancellationToken => cancellationToken;

        public override ContextPropagationOptions Options => ContextPropagationOptions.Default;
    }

    /// <summary>A clock a test sets by hand whose timers never fire.</summary>
    private sealed class FrozenTimersClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
