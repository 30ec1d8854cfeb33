using System.Net;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>Statuses, metadata and request validation exactly as the gRPC HTTP/2 protocol has them.</summary>
public sealed class ServerProtocolTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";

    private static byte[] Echo(string text) => GrpcWire.Frame(new EchoRequest { Text = text });

    [Fact]
    public async Task RpcException_BeforeAnyMessage_IsTrailersOnlyWithStatusMessageAndTrailers()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, Echo("status:5:no such pet"));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("application/grpc", response.Message.Content.Headers.ContentType!.MediaType);
        Assert.Equal("5", response.Status);
        Assert.Equal("no such pet", response.StatusMessage);
        Assert.Equal("detail value", response.Header("detail-key"));
        Assert.Equal("AQID", response.Header("detail-bin"));
    }

    [Fact]
    public async Task StatusMessage_WithUnicodeAndWhitespace_IsPercentEncoded()
    {
        await using var server = await TestGrpcServer.StartAsync();
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";

        var response = await server.CallAsync(EchoPath, Echo("status:2:" + message));

        Assert.Equal("2", response.Status);
        Assert.Equal("%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A", response.StatusMessage);
    }

    [Fact]
    public async Task HandlerException_IsUnknownWithoutDetail()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, Echo("throw"));

        Assert.Equal("2", response.Status);
        Assert.Equal("Exception was thrown by handler.", response.StatusMessage);
    }

    [Fact]
    public async Task HandlerException_WithDetailedErrors_DescribesException()
    {
        await using var server = await TestGrpcServer.StartAsync(options => options.EnableDetailedErrors = true);

        var response = await server.CallAsync(EchoPath, Echo("throw"));

        Assert.Equal("2", response.Status);
        Assert.Equal("Exception was thrown by handler. InvalidOperationException: secret internal detail", response.StatusMessage);
    }

    [Fact]
    public async Task ContextStatus_SetByHandler_IsSentInTrailersAfterTheMessage()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, Echo("set-status"));

        Assert.Single(response.Frames);
        Assert.Equal("5", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal("not here", Assert.Single(response.Message.TrailingHeaders.GetValues("grpc-message")));
    }

    [Fact]
    public async Task NullResponse_IsCancelled()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, Echo("null"));

        Assert.Equal("1", response.Status);
    }

    [Fact]
    public async Task Metadata_AsciiAndBinary_ReachHandlerAndComeBackInHeadersAndTrailers()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, Echo("headers"), request =>
        {
            request.Headers.Add("x-ascii", "plain value");
            request.Headers.Add("x-trace-bin", "AQIDBA");
            request.Headers.Add("x-padded-bin", "AQIDBA==");
        });

        var seen = server.Probe.RequestHeaders!;
        Assert.Equal("plain value", seen.GetValue("x-ascii"));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, seen.GetValueBytes("x-trace-bin"));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, seen.GetValueBytes("x-padded-bin"));
        Assert.DoesNotContain(seen, e => e.Key is "content-type" or "te" or ":path" or "grpc-timeout" or "host");
        Assert.Contains(seen, e => e.Key == "user-agent" || e.Key == "x-ascii");
        Assert.Equal("plain value", Assert.Single(response.Message.Headers.GetValues("x-ascii")));
        Assert.Equal("AQIDBA", Assert.Single(response.Message.Headers.GetValues("x-trace-bin")));
        Assert.Equal("AQIDBA", Assert.Single(response.Message.TrailingHeaders.GetValues("x-padded-bin")));
        Assert.Equal("0", response.Status);
    }

    [Fact]
    public async Task CallContext_DescribesMethodHostPeerAndProtocol()
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(EchoPath, Echo("context"));

        var parts = EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text.Split('|');
        Assert.Equal(EchoPath, parts[0]);
        Assert.Equal(server.Http2Address.Authority, parts[1]);
        Assert.Matches(@"^ipv4:127\.0\.0\.1:\d+$", parts[2]);
        Assert.Equal(DateTime.MaxValue.ToString("O", System.Globalization.CultureInfo.InvariantCulture), parts[3]);
        Assert.Equal("False", parts[4]);
        Assert.Equal("HTTP/2", parts[5]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/grpcx")]
    public async Task UnsupportedContentType_Is415(string contentType)
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var request = TestGrpcServer.CreateRequest(EchoPath, new ByteArrayContent(Echo("x")), contentType);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", Assert.Single(response.Headers.GetValues("grpc-status")));
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc;charset=utf-8")]
    public async Task GrpcContentTypeVariants_AreAccepted(string contentType)
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var request = TestGrpcServer.CreateRequest(EchoPath, new ByteArrayContent(Echo("variant")), contentType);

        using var response = await server.Client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Http11Request_Is426()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var request = TestGrpcServer.CreateRequest(EchoPath, new ByteArrayContent(Echo("x")), http11: true);

        using var response = await server.Http1Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal("HTTP/2", Assert.Single(response.Headers.GetValues("upgrade")));
    }

    [Fact]
    public async Task GetRequest_IsNotRoutedToTheMethod()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, EchoPath) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/vetactors.rpc.tests.EchoService/NoSuchMethod", "Method is unimplemented.")]
    [InlineData("/vetactors.rpc.tests.NoSuchService/Echo", "Service is unimplemented.")]
    [InlineData("/VetActors.Rpc.Tests.EchoService/Echo", "Service is unimplemented.")]
    public async Task UnknownMethodOrService_IsUnimplementedTrailersOnly(string path, string message)
    {
        await using var server = await TestGrpcServer.StartAsync();

        var response = await server.CallAsync(path, Echo("x"));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("12", response.Status);
        Assert.Equal(message, response.StatusMessage);
    }

    [Fact]
    public async Task UnknownPathWithoutGrpcContentType_IsNotClaimedByTheCatchAll()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var request = TestGrpcServer.CreateRequest("/some/page", new ByteArrayContent([1]), "application/json");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownService_WithIgnoreUnknownServices_FallsThroughTo404()
    {
        await using var server = await TestGrpcServer.StartAsync(options => options.IgnoreUnknownServices = true);

        var response = await server.CallAsync("/vetactors.rpc.tests.NoSuchService/Echo", Echo("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatus);
    }

    [Fact]
    public async Task MappedEndpoints_CarryGrpcMethodMetadata()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var sources = (Microsoft.AspNetCore.Routing.EndpointDataSource)server.Services.GetService(typeof(Microsoft.AspNetCore.Routing.EndpointDataSource))!;

        var methods = sources.Endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()).OfType<GrpcMethodMetadata>().ToList();

        Assert.Equal(4, methods.Count);
        Assert.All(methods, m => Assert.Equal(typeof(EchoTestService), m.ServiceType));
        Assert.Contains(methods, m => m.Method.FullName == EchoPath);
    }
}
