using System.Net;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>
/// Malformed and hostile input: each gets the status a real gRPC server gives, and the server keeps serving
/// (every test ends with a normal call).
/// </summary>
public sealed class ServerRobustnessTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";
    private const string CollectPath = "/vetactors.rpc.tests.EchoService/Collect";

    private static async Task AssertStillServingAsync(TestGrpcServer server)
    {
        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "still here" }));
        Assert.Equal("still here", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        Assert.Equal("0", response.Status);
    }

    public static TheoryData<string, byte[], string> BadBodies => new()
    {
        { "garbage flag byte", [0x42, 0x13, 0x37, 0x00, 0x01, 0xFF, 0xFF], "13" },
        { "truncated header", [0, 0, 0], "13" },
        { "truncated payload", [0, 0, 0, 0, 10, 1, 2, 3], "13" },
        { "length prefix larger than body", [0, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3], "8" },
        { "invalid protobuf", GrpcWire.Frame([0xFF, 0xFF, 0xFF, 0xFF]), "13" },
        { "no message", [], "12" },
        { "two messages", GrpcWire.Concat(GrpcWire.Frame(new EchoRequest { Text = "1" }), GrpcWire.Frame(new EchoRequest { Text = "2" })), "12" },
        { "message then garbage", GrpcWire.Concat(GrpcWire.Frame(new EchoRequest { Text = "1" }), [7, 7]), "13" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task UnaryBadBody_GetsProtocolStatus(string name, byte[] body, string status)
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, body);

        Assert.True(response.IsTrailersOnly, name);
        Assert.Equal(status, response.Status);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task StreamingGarbageAfterValidMessages_IsInternal()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(CollectPath, GrpcWire.Concat(GrpcWire.Frame(new EchoRequest { Text = "ok" }), [9, 9, 9, 9, 9, 9]));

        Assert.Equal("13", response.Status);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task FiveMebibyteMessage_IsResourceExhaustedBeforeBuffering()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var content = new StreamingContent();
        using var request = TestGrpcServer.CreateRequest(EchoPath, content);
        var frame = GrpcWire.Frame(new EchoRequest { Text = new string('x', 5 * 1024 * 1024) });

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        // Only the header and a sliver of the body are sent: the status must come without the rest.
        await content.WriteAsync(frame[..1024]);
        using var response = await sending;

        Assert.Equal("8", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal("Received message exceeds the maximum configured message size.", Assert.Single(response.Headers.GetValues("grpc-message")));
        content.Complete();
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task MessageAtTheLimit_IsAccepted()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var text = new string('x', (4 * 1024 * 1024) - 10);

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = text }));

        Assert.Equal("0", response.Status);
        Assert.Equal(text.Length, EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text.Length);
    }

    [Fact]
    public async Task MalformedPercentEncodingFromHandler_IsSentEncodedAndDecodesLeniently()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "status:3:bad %zz escape 100%" }));

        Assert.Equal("3", response.Status);
        Assert.Equal("bad %25zz escape 100%25", response.StatusMessage);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task TenThousandBytesOfMetadata_ReachTheHandler()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var value = new string('m', 10_000);

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "x" }), r => r.Headers.Add("x-large", value));

        Assert.Equal("0", response.Status);
        Assert.Equal(value, server.Probe.RequestHeaders!.GetValue("x-large"));
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task InvalidBinaryMetadata_IsDroppedAndCallSucceeds()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "x" }), r => r.Headers.TryAddWithoutValidation("x-broken-bin", "!!not base64!!"));

        Assert.Equal("0", response.Status);
        Assert.Null(server.Probe.RequestHeaders!.Get("x-broken-bin"));
    }

    [Fact]
    public async Task ClientResetsMidRequest_ServerKeepsServing()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var cts = new CancellationTokenSource();
        var content = new StreamingContent();
        using var request = TestGrpcServer.CreateRequest(EchoPath, content);

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await content.WriteAsync([0, 0, 0, 1, 0, 1, 2, 3]);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await AssertStillServingAsync(server);
    }

    [Fact]
    public async Task ManyConnectionsClosedAbruptly_ServerKeepsServing()
    {
        await using var server = await TestGrpcServer.StartAsync();

        for (var i = 0; i < 10; i++)
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, server.Http2Address.Port);
            await socket.SendAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\u0004garbage"u8.ToArray());
        }

        await AssertStillServingAsync(server);
    }
}
