using System.Net;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>The four method kinds of the generated Echo service over a real h2c Kestrel server.</summary>
public sealed class ServerCallKindsTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";
    private const string CollectPath = "/vetactors.rpc.tests.EchoService/Collect";
    private const string ExpandPath = "/vetactors.rpc.tests.EchoService/Expand";
    private const string ChatPath = "/vetactors.rpc.tests.EchoService/Chat";

    [Fact]
    public async Task Unary_Request_RepliesWithOneMessageAndOkTrailers()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "hello" }));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(new Version(2, 0), response.Message.Version);
        Assert.Equal("application/grpc", response.Message.Content.Headers.ContentType!.MediaType);
        var frame = Assert.Single(response.Frames);
        Assert.Equal(0, frame.Flag);
        Assert.Equal("hello", EchoReply.Parser.ParseFrom(frame.Payload).Text);
        Assert.Equal("0", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-status")));
        Assert.False(response.Message.TrailingHeaders.Contains("grpc-message"));
        Assert.Equal("done", Assert.Single(response.Message.TrailingHeaders.GetValues("echo-trailer")));
    }

    [Fact]
    public async Task Unary_MessageSplitAcrossManyDataFrames_IsReassembled()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var content = new StreamingContent();
        using var request = TestGrpcServer.CreateRequest(EchoPath, content);
        var frame = GrpcWire.Frame(new EchoRequest { Text = new string('x', 3000) });

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        foreach (var chunk in frame.Chunk(7))
        {
            await content.WriteAsync(chunk);
        }
        content.Complete();
        using var response = await sending;
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(new string('x', 3000), EchoReply.Parser.ParseFrom(Assert.Single(GrpcWire.ParseFrames(body)).Payload).Text);
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Unary_AsyncHandler_Replies()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "async" }));

        Assert.Equal("async", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task Unary_ManySequentialCalls_ReuseOfPooledContextKeepsCallsApart()
    {
        await using var server = await TestGrpcServer.StartAsync();

        for (var i = 0; i < 50; i++)
        {
            var text = i % 5 == 0 ? "status:5:gone" : $"call {i}";
            var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = text }));
            if (i % 5 == 0)
            {
                Assert.Equal("5", response.Status);
                Assert.Empty(response.Body);
            }
            else
            {
                Assert.Equal(text, EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
                Assert.Equal("0", response.Status);
                Assert.Null(response.StatusMessage);
            }
        }
    }

    [Fact]
    public async Task Unary_SequentialCallsOnOneConnection_ReuseThePooledCallContext()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var identities = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "identity" }));
            identities.Add(EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        }

        Assert.True(identities.Count < 10, $"{identities.Count} distinct contexts for 10 sequential calls");
    }

    [Fact]
    public async Task Unary_ConcurrentCalls_AllSucceed()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = $"c{i}" }))));

        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal($"c{i}", EchoReply.Parser.ParseFrom(Assert.Single(responses[i].Frames).Payload).Text);
        }
    }

    [Fact]
    public async Task ClientStreaming_SeveralMessages_RepliesOnceWithAll()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var body = GrpcWire.Concat(
            GrpcWire.Frame(new EchoRequest { Text = "a" }),
            GrpcWire.Frame(new EchoRequest { Text = "b" }),
            GrpcWire.Frame(new EchoRequest { Text = "c" }));

        var response = await server.CallAsync(CollectPath, body);

        Assert.Equal("a,b,c", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task ClientStreaming_NoMessages_RepliesWithEmptyAggregate()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(CollectPath, []);

        Assert.Equal("", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task ServerStreaming_Repeat_StreamsEveryMessageInOrder()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "m", Repeat = 5 }));

        Assert.Equal(["m 0", "m 1", "m 2", "m 3", "m 4"], response.Frames.Select(f => EchoReply.Parser.ParseFrom(f.Payload).Text));
        Assert.Equal("0", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task ServerStreaming_NoMessages_IsTrailersOnly()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "none", Repeat = 0 }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_SendsStatusInTrailers()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "fail", Repeat = 2 }));

        Assert.Equal(2, response.Frames.Count);
        Assert.Equal("10", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal("failed after messages", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-message")));
    }

    [Fact]
    public async Task ServerStreaming_LargeStream_FlowsThroughBackPressure()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(ExpandPath, GrpcWire.Frame(new EchoRequest { Text = new string('p', 10_000), Repeat = 500 }));

        Assert.Equal(500, response.Frames.Count);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task ServerStreaming_WriterKeptPastTheCall_FailsAndLeavesNextCallAlone()
    {
        await using var server = await TestGrpcServer.StartAsync();
        await server.CallAsync(ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "m", Repeat = 1 }));
        var kept = (Grpc.Core.IServerStreamWriter<EchoReply>)server.Probe.KeptWriter!;

        await Assert.ThrowsAsync<InvalidOperationException>(() => kept.WriteAsync(new EchoReply { Text = "late" }));
        var next = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "next" }));

        Assert.Equal("next", EchoReply.Parser.ParseFrom(Assert.Single(next.Frames).Payload).Text);
    }

    [Fact]
    public async Task Duplex_PingPong_RepliesToEachMessageBeforeTheNextIsSent()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var content = new StreamingContent();
        using var request = TestGrpcServer.CreateRequest(ChatPath, content);

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await content.WriteAsync(GrpcWire.Frame(new EchoRequest { Text = "ping 1" }));
        using var response = await sending;
        var stream = await response.Content.ReadAsStreamAsync();
        var replies = new List<string> { await ReadReplyAsync(stream) };
        await content.WriteAsync(GrpcWire.Frame(new EchoRequest { Text = "ping 2" }));
        replies.Add(await ReadReplyAsync(stream));
        content.Complete();
        var rest = new MemoryStream();
        await stream.CopyToAsync(rest);

        Assert.Equal(["ping 1", "ping 2"], replies);
        Assert.Empty(rest.ToArray());
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Duplex_EmptyStream_EndsOk()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(ChatPath, []);

        Assert.Empty(response.Body);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task Duplex_SecondWriteWhileFirstInProgress_IsRejected()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var content = new StreamingContent();
        using var request = TestGrpcServer.CreateRequest(ChatPath, content);

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await content.WriteAsync(GrpcWire.Frame(new EchoRequest { Text = "concurrent" }));
        content.Complete();
        using var response = await sending;
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(nameof(InvalidOperationException), Assert.Single(server.Probe.Log));
        Assert.Single(GrpcWire.ParseFrames(body));
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
    }

    internal static async Task<string> ReadReplyAsync(Stream stream)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header);
        var payload = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1))];
        await stream.ReadExactlyAsync(payload);
        return EchoReply.Parser.ParseFrom(payload).Text;
    }
}
