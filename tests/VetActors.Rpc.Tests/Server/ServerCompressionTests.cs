using System.IO.Compression;
using Google.Protobuf;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>Message compression both ways, negotiated with grpc-encoding / grpc-accept-encoding.</summary>
public sealed class ServerCompressionTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";
    private const string CollectPath = "/vetactors.rpc.tests.EchoService/Collect";

    [Fact]
    public async Task GzipRequest_IsDecompressed()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var payload = GrpcWire.Gzip(new EchoRequest { Text = "squeezed" }.ToByteArray());

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(payload, flag: 1), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal("squeezed", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task DeflateRequest_MixedWithUncompressedMessages_IsDecompressed()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest))
        {
            zlib.Write(new EchoRequest { Text = "b" }.ToByteArray());
        }
        var body = GrpcWire.Concat(GrpcWire.Frame(new EchoRequest { Text = "a" }), GrpcWire.Frame(compressed.ToArray(), flag: 1));

        var response = await server.CallAsync(CollectPath, body, r => r.Headers.Add("grpc-encoding", "deflate"));

        Assert.Equal("a,b", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
    }

    [Fact]
    public async Task UnknownRequestEncoding_IsUnimplementedWithAcceptEncoding()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame([1, 2, 3], flag: 1), r => r.Headers.Add("grpc-encoding", "snappy"));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("12", response.Status);
        Assert.Equal("identity,gzip,deflate", response.Header("grpc-accept-encoding"));
    }

    [Fact]
    public async Task CompressedFlagWithoutEncoding_IsInternal()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(GrpcWire.Gzip([8, 1]), flag: 1));

        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task CorruptGzipPayload_IsInternal()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame([0x1f, 0x8b, 9, 9, 9, 9, 9, 9, 9, 9], flag: 1), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task HandlerRequestsGzip_ClientAccepts_ResponseIsCompressed()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "compress" }), r => r.Headers.Add("grpc-accept-encoding", "identity,deflate,gzip"));

        Assert.Equal("gzip", Assert.Single(response.Message.Headers.GetValues("grpc-encoding")));
        Assert.False(response.Message.Headers.Contains("grpc-internal-encoding-request"));
        var frame = Assert.Single(response.Frames);
        Assert.Equal(1, frame.Flag);
        Assert.Equal(new string('z', 1000), EchoReply.Parser.ParseFrom(GrpcWire.Gunzip(frame.Payload)).Text);
    }

    [Fact]
    public async Task HandlerRequestsGzip_ClientDoesNotAccept_ResponseIsUncompressed()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "compress" }), r => r.Headers.Add("grpc-accept-encoding", "identity,deflate"));

        Assert.False(response.Message.Headers.Contains("grpc-encoding"));
        var frame = Assert.Single(response.Frames);
        Assert.Equal(0, frame.Flag);
        Assert.Equal(new string('z', 1000), EchoReply.Parser.ParseFrom(frame.Payload).Text);
    }

    [Fact]
    public async Task ResponseCompressionOption_CompressesForAcceptingClientsOnly()
    {
        await using var server = await TestGrpcServer.StartAsync(options => options.ResponseCompressionAlgorithm = "deflate");

        var accepting = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "hello" }), r => r.Headers.Add("grpc-accept-encoding", "gzip, deflate"));
        var plain = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "hello" }));

        Assert.Equal("deflate", Assert.Single(accepting.Message.Headers.GetValues("grpc-encoding")));
        var frame = Assert.Single(accepting.Frames);
        Assert.Equal(1, frame.Flag);
        using var inflated = new ZLibStream(new MemoryStream(frame.Payload), CompressionMode.Decompress);
        Assert.Equal("hello", EchoReply.Parser.ParseFrom(inflated).Text);
        Assert.Equal(0, Assert.Single(plain.Frames).Flag);
    }

    [Fact]
    public async Task CompressedMessageLargerThanLimitOnceInflated_IsResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync(options => options.MaxReceiveMessageSize = 1000);
        var payload = GrpcWire.Gzip(new EchoRequest { Text = new string('a', 5000) }.ToByteArray());

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(payload, flag: 1), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.True(payload.Length < 1000);
        Assert.Equal("8", response.Status);
    }

    [Fact]
    public async Task NoCompressWriteFlag_SendsMessageUncompressedDespiteEncoding()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "compress-off" }), r => r.Headers.Add("grpc-accept-encoding", "gzip"));

        Assert.Equal("gzip", Assert.Single(response.Message.Headers.GetValues("grpc-encoding")));
        var frame = Assert.Single(response.Frames);
        Assert.Equal(0, frame.Flag);
        Assert.Equal("not compressed", EchoReply.Parser.ParseFrom(frame.Payload).Text);
    }
}
