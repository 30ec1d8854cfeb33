using System.Text;
using Grpc.Core;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Client.Peers;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>The channel against an independent implementation: Debian's python3-grpcio serving EchoService.</summary>
public sealed class PythonPeerTests(PythonEchoServer peer) : IClassFixture<PythonEchoServer>, IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private GrpcChannel? _channel;

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(peer.Address, new GrpcChannelOptions { TimeProvider = _clock });

    private EchoService.EchoServiceClient Client => new(Channel);

    public void Dispose() => _channel?.Dispose();

    [Fact]
    public async Task Unary_EchoesText()
    {
        var reply = await Client.EchoAsync(new EchoRequest { Text = "hello", Repeat = 2 });

        Assert.Equal("hellohello", reply.Text);
    }

    [Fact]
    public void BlockingUnary_EchoesText()
    {
        var reply = Client.Echo(new EchoRequest { Text = "sync" });

        Assert.Equal("sync", reply.Text);
    }

    [Fact]
    public async Task ServerStreaming_ReceivesEveryMessageInOrder()
    {
        using var call = Client.Expand(new EchoRequest { Text = "n", Repeat = 50 });
        var texts = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            texts.Add(call.ResponseStream.Current.Text);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{i}:n"), texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_ServerSeesEveryMessage()
    {
        using var call = Client.Collect();
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }
        await call.RequestStream.CompleteAsync();

        Assert.Equal("a,b,c", (await call.ResponseAsync).Text);
    }

    [Fact]
    public async Task Duplex_PingPong()
    {
        using var call = Client.Chat();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(text, call.ResponseStream.Current.Text);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Duplex_EmptyStreams_EndOk()
    {
        using var call = Client.Chat();
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Metadata_EchoedAsHeadersAndTrailers()
    {
        var headers = new Metadata
        {
            { "x-initial-name", "Rex the dog" },
            { "x-initial-data-bin", new byte[] { 0, 1, 2, 0xfe, 0xff } },
            { "x-trailing-data-bin", new byte[] { 0xab, 0xab, 0xab } },
        };

        using var call = Client.EchoAsync(new EchoRequest { Text = "m" }, headers);
        await call.ResponseAsync;
        var responseHeaders = await call.ResponseHeadersAsync;

        Assert.Equal("Rex the dog", responseHeaders.GetValue("x-initial-name"));
        Assert.Equal(new byte[] { 0, 1, 2, 0xfe, 0xff }, responseHeaders.GetValueBytes("x-initial-data-bin"));
        Assert.Equal(new byte[] { 0xab, 0xab, 0xab }, call.GetTrailers().GetValueBytes("x-trailing-data-bin"));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, "test status message")]
    [InlineData(StatusCode.Unknown, "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData(StatusCode.NotFound, "100% sure: café, 50%20off, <tags> & \"quotes\"")]
    [InlineData(StatusCode.ResourceExhausted, "")]
    public async Task Status_CodeAndMessage_RoundTripExactly(StatusCode code, string message)
    {
        var headers = new Metadata { { "x-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) }, { "x-status-message-bin", Encoding.UTF8.GetBytes(message) }, { "x-trailing-why", "because" } };

        var unary = await Assert.ThrowsAsync<RpcException>(() => Client.EchoAsync(new EchoRequest(), headers).ResponseAsync);
        using var duplex = Client.Chat(headers);
        await duplex.RequestStream.WriteAsync(new EchoRequest { Text = "x" });
        await duplex.RequestStream.CompleteAsync();
        Assert.True(await duplex.ResponseStream.MoveNext(CancellationToken.None));
        var streaming = await Assert.ThrowsAsync<RpcException>(() => duplex.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(new Status(code, message), unary.Status);
        Assert.Equal("because", unary.Trailers.GetValue("x-trailing-why"));
        Assert.Equal(new Status(code, message), streaming.Status);
    }

    [Fact]
    public async Task Deadline_ServerSeesTimeoutAndClientTimerEndsCall()
    {
        var headers = new Metadata { { "x-wait-for-cancel", "1" } };

        using var call = Client.Expand(new EchoRequest(), headers, deadline: _clock.GetUtcNow().UtcDateTime.AddHours(1));
        var responseHeaders = await call.ResponseHeadersAsync;
        _clock.Advance(TimeSpan.FromHours(1));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        var remaining = int.Parse(responseHeaders.GetValue("x-time-remaining")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(remaining, 3000, 3600);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_AlreadyPassed_FailsDeadlineExceeded()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.EchoAsync(new EchoRequest(), deadline: _clock.GetUtcNow().UtcDateTime.AddSeconds(-1)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Cancellation_AfterFirstResponse_IsCancelled()
    {
        using var cts = new CancellationTokenSource();
        using var call = Client.Chat(new Metadata(), cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "first" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Cancellation_ClientStreamingBeforeAnyMessage_IsCancelled()
    {
        using var cts = new CancellationTokenSource();
        using var call = Client.Collect(cancellationToken: cts.Token);

        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Compression_RequestsAndResponses_RoundTrip(string encoding)
    {
        var text = new string('v', 100_000);
        var headers = new Metadata { { "grpc-internal-encoding-request", encoding }, { "x-response-compression", encoding } };

        var unary = await Client.EchoAsync(new EchoRequest { Text = text }, headers);
        using var call = Client.Chat(headers);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "plain" });
        await call.RequestStream.CompleteAsync();
        var replies = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            replies.Add(call.ResponseStream.Current.Text);
        }

        Assert.Equal(text, unary.Text);
        Assert.Equal([text, "plain"], replies);
    }

    [Fact]
    public async Task ResponseOverReceiveLimit_IsResourceExhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.EchoAsync(new EchoRequest { Text = "0123456789", Repeat = 500_000 }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task LargeMessages_BothWays_WithinLimits()
    {
        var text = new string('L', 3 * 1024 * 1024);

        var reply = await Client.EchoAsync(new EchoRequest { Text = text });

        Assert.Equal(text, reply.Text);
    }

    [Fact]
    public async Task HundredConcurrentUnaryCalls_OnOneChannel_AllSucceed()
    {
        var client = Client;

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.EchoAsync(new EchoRequest { Text = $"call {i}" }).ResponseAsync));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"call {i}"), replies.Select(r => r.Text));
    }

    [Fact]
    public async Task MoreConcurrentStreamsThanServerLimit_AllComplete()
    {
        // The peer allows 100 concurrent streams per connection; these 150 stay open together.
        const int Calls = 150;
        var client = Client;
        await client.EchoAsync(new EchoRequest());

        var calls = Enumerable.Range(0, Calls).Select(_ => client.Chat()).ToList();
        await Task.WhenAll(calls.Select(async (call, i) =>
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"{i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"{i}", call.ResponseStream.Current.Text);
        }));
        await Task.WhenAll(calls.Select(async call =>
        {
            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
            call.Dispose();
        }));
    }

    [Theory]
    [InlineData("vetactors.rpc.tests.EchoService", "Missing")]
    [InlineData("vetactors.rpc.tests.MissingService", "Echo")]
    public async Task UnknownMethodOrService_IsUnimplemented(string service, string name)
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, service, name, EchoServiceMarshallers.Request, EchoServiceMarshallers.Reply);

        var error = await Assert.ThrowsAsync<RpcException>(() => Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static class EchoServiceMarshallers
    {
        public static readonly Marshaller<EchoRequest> Request = Marshallers.Create(m => Google.Protobuf.MessageExtensions.ToByteArray(m), EchoRequest.Parser.ParseFrom);
        public static readonly Marshaller<EchoReply> Reply = Marshallers.Create(m => Google.Protobuf.MessageExtensions.ToByteArray(m), EchoReply.Parser.ParseFrom);
    }
}
