using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>gRPC-Web (binary and text) on the same endpoints, over HTTP/1.1 and HTTP/2.</summary>
public sealed class GrpcWebTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";
    private const string ExpandPath = "/vetactors.rpc.tests.EchoService/Expand";

    private static Task<TestGrpcServer> StartAsync(bool defaultEnabled = true, bool enableOnEndpoint = false) =>
        TestGrpcServer.StartAsync(configureApp: app =>
        {
            app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = defaultEnabled });
            var service = app.MapGrpcService<EchoTestService>();
            if (enableOnEndpoint)
            {
                service.EnableGrpcWeb();
            }
        });

    private static async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(HttpClient client, string path, byte[] body, string contentType, bool http11)
    {
        using var request = TestGrpcServer.CreateRequest(path, new ByteArrayContent(body), contentType, http11);
        request.Headers.Add("x-grpc-web", "1");
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static Dictionary<string, string> ParseTrailerFrame(byte[] payload) =>
        Encoding.ASCII.GetString(payload).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("application/grpc-web", true)]
    [InlineData("application/grpc-web+proto", true)]
    [InlineData("application/grpc-web", false)]
    public async Task Binary_Unary_MessageThenTrailersFrame(string contentType, bool http11)
    {
        await using var server = await StartAsync();
        var client = http11 ? server.Http1Client : server.Client;

        var (response, body) = await SendAsync(client, EchoPath, GrpcWire.Frame(new EchoRequest { Text = "web" }), contentType, http11);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(http11 ? HttpVersion.Version11 : HttpVersion.Version20, response.Version);
        Assert.Equal("application/grpc-web", response.Content.Headers.ContentType!.MediaType);
        var frames = GrpcWire.ParseFrames(body);
        Assert.Equal(2, frames.Count);
        Assert.Equal(0, frames[0].Flag);
        Assert.Equal("web", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Equal(0x80, frames[1].Flag);
        var trailers = ParseTrailerFrame(frames[1].Payload);
        Assert.Equal("0", trailers["grpc-status"]);
        Assert.Equal("done", trailers["echo-trailer"]);
        Assert.False(response.TrailingHeaders.Contains("grpc-status"));
    }

    [Fact]
    public async Task Binary_ServerStreaming_OverHttp11()
    {
        await using var server = await StartAsync();

        var (_, body) = await SendAsync(server.Http1Client, ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "s", Repeat = 3 }), "application/grpc-web", http11: true);

        var frames = GrpcWire.ParseFrames(body);
        Assert.Equal(["s 0", "s 1", "s 2"], frames.Take(3).Select(f => EchoReply.Parser.ParseFrom(f.Payload).Text));
        Assert.Equal(0x80, frames[3].Flag);
        Assert.Equal("0", ParseTrailerFrame(frames[3].Payload)["grpc-status"]);
    }

    [Fact]
    public async Task Binary_ErrorStatusAfterMessages_InTrailersFrameWithPercentEncodedMessage()
    {
        await using var server = await StartAsync();

        var (_, body) = await SendAsync(server.Http1Client, ExpandPath, GrpcWire.Frame(new EchoRequest { Text = "fail", Repeat = 1 }), "application/grpc-web", http11: true);

        var frames = GrpcWire.ParseFrames(body);
        var trailers = ParseTrailerFrame(frames[^1].Payload);
        Assert.Equal("10", trailers["grpc-status"]);
        Assert.Equal("failed after messages", trailers["grpc-message"]);
    }

    [Fact]
    public async Task Binary_EarlyError_IsTrailersOnlyInHeaders()
    {
        await using var server = await StartAsync();

        var (response, body) = await SendAsync(server.Http1Client, EchoPath, GrpcWire.Frame(new EchoRequest { Text = "status:7:denied" }), "application/grpc-web", http11: true);

        Assert.Empty(body);
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Text_Unary_Base64BothWays()
    {
        await using var server = await StartAsync();
        var request = Encoding.ASCII.GetBytes(Convert.ToBase64String(GrpcWire.Frame(new EchoRequest { Text = "text mode" })));

        var (response, body) = await SendAsync(server.Http1Client, EchoPath, request, "application/grpc-web-text", http11: true);

        Assert.Equal("application/grpc-web-text", response.Content.Headers.ContentType!.MediaType);
        var frames = GrpcWire.ParseFrames(DecodeConcatenatedBase64(Encoding.ASCII.GetString(body)));
        Assert.Equal("text mode", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Equal(0x80, frames[1].Flag);
        Assert.Equal("0", ParseTrailerFrame(frames[1].Payload)["grpc-status"]);
    }

    [Fact]
    public async Task Text_RequestWithPaddedChunksPerMessage_IsDecoded()
    {
        await using var server = await StartAsync();
        var first = Convert.ToBase64String(GrpcWire.Frame(new EchoRequest { Text = "a" }));
        var second = Convert.ToBase64String(GrpcWire.Frame(new EchoRequest { Text = "bc" }));

        var (_, body) = await SendAsync(server.Http1Client, "/vetactors.rpc.tests.EchoService/Collect", Encoding.ASCII.GetBytes(first + second), "application/grpc-web-text", http11: true);

        var frames = GrpcWire.ParseFrames(DecodeConcatenatedBase64(Encoding.ASCII.GetString(body)));
        Assert.Contains("=", first + second);
        Assert.Equal("a,bc", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
    }

    [Fact]
    public async Task Text_ServerStreaming_EachFlushedMessageIsWholeBase64()
    {
        await using var server = await StartAsync();
        var request = Encoding.ASCII.GetBytes(Convert.ToBase64String(GrpcWire.Frame(new EchoRequest { Text = "t", Repeat = 3 })));

        var (_, body) = await SendAsync(server.Http1Client, ExpandPath, request, "application/grpc-web-text", http11: true);

        var text = Encoding.ASCII.GetString(body);
        Assert.Equal(0, text.Length % 4);
        var frames = GrpcWire.ParseFrames(DecodeConcatenatedBase64(text));
        Assert.Equal(["t 0", "t 1", "t 2"], frames.Take(3).Select(f => EchoReply.Parser.ParseFrom(f.Payload).Text));
        Assert.Equal("0", ParseTrailerFrame(frames[3].Payload)["grpc-status"]);
    }

    [Fact]
    public async Task Binary_DeadlineAfterMessages_StatusInTrailersFrame()
    {
        await using var server = await StartAsync();
        using var request = TestGrpcServer.CreateRequest(ExpandPath, new ByteArrayContent(GrpcWire.Frame(new EchoRequest { Text = "wait", Repeat = 1 })), "application/grpc-web", http11: true);
        request.Headers.Add("grpc-timeout", "1S");

        var sending = server.Http1Client.SendAsync(request);
        await server.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));
        var frames = GrpcWire.ParseFrames(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("wait 0", EchoReply.Parser.ParseFrom(frames[0].Payload).Text);
        Assert.Equal(0x80, frames[1].Flag);
        Assert.Equal("4", ParseTrailerFrame(frames[1].Payload)["grpc-status"]);
    }

    [Fact]
    public async Task CorsPreflight_ForAGrpcWebMethodWithAPolicy_ReachesTheEndpointsPolicy()
    {
        await using var server = await TestGrpcServer.StartAsync(
            configureServices: (services, _) => services.AddCors(cors => cors.AddPolicy("portal", policy =>
                policy.WithOrigins("https://portal.example").AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("grpc-status", "grpc-message"))),
            configureApp: app =>
            {
                app.UseCors();
                app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
                app.MapGrpcService<EchoTestService>().RequireCors("portal");
            });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, EchoPath) { Version = HttpVersion.Version11 };
        preflight.Headers.Add("Origin", "https://portal.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web");

        using var response = await server.Http1Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://portal.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task NotEnabled_GrpcWebRequest_Is415()
    {
        await using var server = await StartAsync(defaultEnabled: false);

        var (response, _) = await SendAsync(server.Http1Client, EchoPath, GrpcWire.Frame(new EchoRequest { Text = "x" }), "application/grpc-web", http11: true);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task EnabledPerEndpoint_GrpcWebRequest_Succeeds()
    {
        await using var server = await StartAsync(defaultEnabled: false, enableOnEndpoint: true);

        var (_, body) = await SendAsync(server.Http1Client, EchoPath, GrpcWire.Frame(new EchoRequest { Text = "x" }), "application/grpc-web", http11: true);

        Assert.Equal("x", EchoReply.Parser.ParseFrom(GrpcWire.ParseFrames(body)[0].Payload).Text);
    }

    private static byte[] DecodeConcatenatedBase64(string text)
    {
        // Each flushed chunk is padded base64 on its own; decode group by group.
        var output = new List<byte>();
        for (var i = 0; i < text.Length; i += 4)
        {
            output.AddRange(Convert.FromBase64String(text.Substring(i, 4)));
        }
        return [.. output];
    }
}
