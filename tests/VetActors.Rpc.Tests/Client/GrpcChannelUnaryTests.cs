using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>Unary calls against scripted wire responses.</summary>
public sealed class GrpcChannelUnaryTests
{
    private static EchoService.EchoServiceClient Client(GrpcChannel channel) => new(channel);

    [Fact]
    public async Task Unary_Ok_SendsGrpcRequestAndReadsMessageSplitAcrossFrames()
    {
        IHeaderDictionary? requestHeaders = null;
        string? path = null;
        List<(bool Compressed, byte[] Payload)>? requestMessages = null;
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            requestHeaders = context.Request.Headers;
            path = context.Request.Path;
            requestMessages = await FakeGrpcServer.ReadMessagesAsync(context);
            await FakeGrpcServer.StartResponseAsync(context, ("x-header", "h1"), ("x-header-bin", "AQID"));
            var frame = FakeGrpcServer.Frame(new EchoReply { Text = "pong" });
            await FakeGrpcServer.WriteAsync(context, frame.AsMemory(0, 1));
            await FakeGrpcServer.WriteAsync(context, frame.AsMemory(1, 3));
            await FakeGrpcServer.WriteAsync(context, frame.AsMemory(4));
            FakeGrpcServer.SetTrailers(context, "0", null, ("x-trailer", "t1"), ("x-trailer-bin", "BAUG"));
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = Client(channel).EchoAsync(new EchoRequest { Text = "ping" }, new Metadata { { "x-ascii", "value" }, { "x-data-bin", new byte[] { 0xff, 0xfe } } });
        var reply = await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("pong", reply.Text);
        Assert.Equal("/vetactors.rpc.tests.EchoService/Echo", path);
        Assert.Equal("trailers", requestHeaders!["te"]);
        Assert.Equal("application/grpc", requestHeaders["content-type"]);
        Assert.StartsWith("grpc-", requestHeaders["user-agent"].ToString(), StringComparison.Ordinal);
        Assert.Equal("identity,gzip,deflate", requestHeaders["grpc-accept-encoding"]);
        Assert.False(requestHeaders.ContainsKey("grpc-timeout"));
        Assert.Equal("value", requestHeaders["x-ascii"]);
        Assert.Equal("//4", requestHeaders["x-data-bin"]);
        Assert.Equal(EchoRequest.Parser.ParseFrom(Assert.Single(requestMessages!).Payload), new EchoRequest { Text = "ping" });
        Assert.Equal("h1", headers.GetValue("x-header"));
        Assert.Equal(new byte[] { 1, 2, 3 }, headers.GetValueBytes("x-header-bin"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("t1", call.GetTrailers().GetValue("x-trailer"));
        Assert.Equal(new byte[] { 4, 5, 6 }, call.GetTrailers().GetValueBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task Unary_TrailersOnly_FailsWithDecodedMessageAndTrailers()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            FakeGrpcServer.TrailersOnly(context, "5", "caf%C3%A9 %E2%98%BA%0D%0A 100%25 %zz", ("x-detail", "d"));
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        using var call = Client(channel).EchoAsync(new EchoRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("café ☺\r\n 100% %zz", error.Status.Detail);
        Assert.Equal("d", error.Trailers.GetValue("x-detail"));
        Assert.Equal("d", call.GetTrailers().GetValue("x-detail"));
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task Unary_TrailersOnlyOk_EndsWithoutMessageAsInternal()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            FakeGrpcServer.TrailersOnly(context, "0");
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Unary_TrailersWithoutGrpcStatus_IsUnknown()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = "x" }));
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task Unary_HttpErrorWithoutGrpcStatus_MapsHttpStatus(int httpStatus, StatusCode expected)
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            context.Response.StatusCode = httpStatus;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("proxy says no");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_NonGrpcContentType_IsCancelled()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html/>");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Contains("content-type", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_TwoResponseMessages_IsInternal()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = "1" }));
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = "2" }));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Unary_BodyEndsInsideMessage_IsInternal()
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = "cut short" }).AsMemory(0, 8));
            FakeGrpcServer.SetTrailers(context, "0");
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Theory]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    public async Task Unary_StreamReset_MapsHttp2ErrorCode(int errorCode, StatusCode expected)
    {
        await using var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            FakeGrpcServer.Reset(context, errorCode);
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Unary_ResetBeforeHeaders_MapsHttp2ErrorCode()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            FakeGrpcServer.Reset(context, 0x7);
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ConnectionDroppedMidResponse_IsUnavailable()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await FakeGrpcServer.StartAsync(async context =>
        {
            await FakeGrpcServer.StartResponseAsync(context);
            await FakeGrpcServer.WriteAsync(context, FakeGrpcServer.Frame(new EchoReply { Text = "before" }));
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = Client(channel).Expand(new EchoRequest());
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await started.Task;

        await server.AbortAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        await server.DisposeAsync();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Unary_NothingListening_IsUnavailable()
    {
        Uri address;
        await using (var server = await FakeGrpcServer.StartAsync(context => Task.CompletedTask))
        {
            address = server.Address;
        }
        using var channel = GrpcChannel.ForAddress(address);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(channel).EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task BlockingUnaryCall_UnderSingleThreadedSynchronizationContext_Completes()
    {
        await using var server = await FakeGrpcServer.StartAsync(EchoWire.EchoHandler);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = Client(channel);
        EchoReply? reply = null;

        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new NeverRunningSynchronizationContext());
            reply = client.Echo(new EchoRequest { Text = "blocking" });
        });
        thread.Start();
        await Task.Run(thread.Join);

        Assert.Equal("blocking", reply!.Text);
    }

    [Fact]
    public async Task BlockingUnaryCall_Error_ThrowsRpcException()
    {
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            FakeGrpcServer.TrailersOnly(context, "7", "no");
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Task.Run(() => Assert.Throws<RpcException>(() => Client(channel).Echo(new EchoRequest())));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    /// <summary>A context that never runs posted work: anything that needs it would deadlock the caller.</summary>
    private sealed class NeverRunningSynchronizationContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("Send is not supported.");
    }
}
