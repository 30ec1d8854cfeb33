using System.IO.Compression;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>Message size limits and compression in both directions, on the wire.</summary>
public sealed class GrpcChannelMessageTests
{
    private static EchoService.EchoServiceClient Client(GrpcChannel channel) => new(channel);

    [Fact]
    public async Task Unary_MessageLongerThanReceiveLimit_FailsFromHeaderBeforeBody()
    {
        var serverDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            // Only the 5-byte prefix of a 5 MiB message: the client must not wait for the rest.
            var header = FakeGrpcServer.Frame([]);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 5 * 1024 * 1024);
            await FakeGrpcServer.WriteAsync(context, header);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                serverDone.TrySetResult();
            }
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);
        await serverDone.Task;

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unary_ReceiveLimitRaised_AcceptsLargeMessage()
    {
        var text = new string('a', 5 * 1024 * 1024);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = text }));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null });

        var reply = await Client(channel).EchoAsync(new EchoRequest());

        Assert.Equal(text.Length, reply.Text.Length);
    }

    [Fact]
    public async Task Unary_MessageOverSendLimit_FailsWithoutSending()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => Task.CompletedTask);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest { Text = "longer than ten bytes" }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Unary_GzipResponse_IsDecompressed()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context, ("grpc-encoding", "gzip"));
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(EchoWire.Gzip(new EchoReply { Text = "squeezed" }.ToByteArray()), compressed: true));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var reply = await Client(channel).EchoAsync(new EchoRequest());

        Assert.Equal("squeezed", reply.Text);
    }

    [Fact]
    public async Task Unary_CompressedFlagWithoutEncoding_IsInternal()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(EchoWire.Gzip(new EchoReply { Text = "x" }.ToByteArray()), compressed: true));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unary_InternalEncodingRequestHeader_CompressesUnlessNoCompress(bool noCompress)
    {
        IHeaderDictionary? requestHeaders = null;
        (bool Compressed, byte[] Payload) message = (false, []);
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            requestHeaders = context.Request.Headers;
            message = Assert.Single(await FakeGrpcServer.ReadMessagesAsync(context));
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply()));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        var request = new EchoRequest { Text = new string('z', 1000) };
        var options = new CallOptions(
            new Metadata { { "grpc-internal-encoding-request", "gzip" } },
            writeOptions: noCompress ? new WriteOptions(WriteFlags.NoCompress) : null);

        await Client(channel).EchoAsync(request, options);

        Assert.Equal("gzip", requestHeaders!["grpc-encoding"]);
        Assert.False(requestHeaders.ContainsKey("grpc-internal-encoding-request"));
        Assert.Equal(!noCompress, message.Compressed);
        var payload = message.Compressed ? EchoWire.Gunzip(message.Payload) : message.Payload;
        Assert.Equal(request, EchoRequest.Parser.ParseFrom(payload));
        Assert.Equal(!noCompress, message.Payload.Length < 100);
    }

    [Fact]
    public async Task Unary_UnknownRequestEncoding_FailsWithoutSending()
    {
        await using var server = await FakeGrpcServer.StartAsync(context => Task.CompletedTask);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest(), new Metadata { { "grpc-internal-encoding-request", "snappy" } }).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }
}
