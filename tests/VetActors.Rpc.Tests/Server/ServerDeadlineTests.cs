using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>grpc-timeout deadlines on a manual clock, and client cancellation.</summary>
public sealed class ServerDeadlineTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";
    private const string ExpandPath = "/vetactors.rpc.tests.EchoService/Expand";
    private const string CollectPath = "/vetactors.rpc.tests.EchoService/Collect";
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Deadline_PassesWhileHandlerWaits_DeadlineExceededAndTokenCancelled()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var call = server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "wait" }), r => r.Headers.Add("grpc-timeout", "5S"));
        await server.Probe.Started.Task.WaitAsync(Safety);
        server.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await call.WaitAsync(Safety);

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("4", response.Status);
        Assert.Equal("Deadline Exceeded", response.StatusMessage);
        Assert.True(await server.Probe.Cancelled.Task.WaitAsync(Safety));
    }

    [Fact]
    public async Task Deadline_AfterStreamedMessages_StatusInTrailers()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var call = server.CallAsync(ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "wait", Repeat = 2 }), r => r.Headers.Add("grpc-timeout", "100m"));
        await server.Probe.Started.Task.WaitAsync(Safety);
        server.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var response = await call.WaitAsync(Safety);

        Assert.Equal(2, response.Frames.Count);
        Assert.Equal("4", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Deadline_ReportedInContext()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var expected = server.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "context" }), r => r.Headers.Add("grpc-timeout", "2M"));

        var deadline = EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text.Split('|')[3];
        Assert.Equal(expected.ToString("O", System.Globalization.CultureInfo.InvariantCulture), deadline);
        Assert.Equal(0, server.Clock.ActiveTimerCount);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("5s")]
    public async Task BadTimeout_IsIgnoredAndCallSucceeds(string timeout)
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "context" }), r => r.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        Assert.Equal("0", response.Status);
        var deadline = EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text.Split('|')[3];
        Assert.Equal(DateTime.MaxValue.ToString("O", System.Globalization.CultureInfo.InvariantCulture), deadline);
    }

    [Fact]
    public async Task ClientCancels_HandlerTokenIsCancelled_AndServerKeepsServing()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var cts = new CancellationTokenSource();

        var call = server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "wait" }), cancellationToken: cts.Token);
        await server.Probe.Started.Task.WaitAsync(Safety);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(await server.Probe.Cancelled.Task.WaitAsync(Safety));
        var next = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "after" }));
        Assert.Equal("0", next.Status);
    }

    [Fact]
    public async Task ClientVanishesMidStream_ReaderFailsInHandler_AndServerKeepsServing()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var client = await RawHttp2Connection.ConnectAsync(server.Http2Address.Port);

        await client.SendHeadersAsync(CollectPath);
        await client.SendDataAsync(GrpcWire.Frame(new EchoRequest { Text = "first" }));
        await server.Probe.Started.Task.WaitAsync(Safety);
        await client.SendDataAsync([0, 0, 0, 0, 9, 1, 2]);
        client.Vanish();

        Assert.NotNull(await server.Probe.Finished.Task.WaitAsync(Safety));
        Assert.True(await server.Probe.Cancelled.Task.WaitAsync(Safety));
        var next = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "after" }));
        Assert.Equal("after", EchoReply.Parser.ParseFrom(Assert.Single(next.Frames).Payload).Text);
    }

    [Fact]
    public async Task ClientCancelsServerStreamAfterFirstMessage_HandlerTokenIsCancelled()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var request = TestGrpcServer.CreateRequest(ExpandPath, new ByteArrayContent(GrpcWire.Frame(new EchoRequest { Text = "wait", Repeat = 1 })));

        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var first = await ServerCallKindsTests.ReadReplyAsync(stream);
        // Disposing an unfinished HTTP/2 response resets the stream (RST_STREAM CANCEL).
        response.Dispose();

        Assert.Equal("wait 0", first);
        Assert.True(await server.Probe.Cancelled.Task.WaitAsync(Safety));
        Assert.IsAssignableFrom<OperationCanceledException>(await server.Probe.Finished.Task.WaitAsync(Safety));
        var next = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "after" }));
        Assert.Equal("0", next.Status);
    }
}
