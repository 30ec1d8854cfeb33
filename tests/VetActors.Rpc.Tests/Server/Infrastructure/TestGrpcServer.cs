using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Tests.Server.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) serving the Echo test service: one HTTP/2-only (h2c) endpoint,
/// and one HTTP/1.1 endpoint for the protocol-downgrade and gRPC-Web cases. Tests talk to it with HttpClient.
/// </summary>
public sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGrpcServer(WebApplication app, Uri http2Address, Uri http1Address, bool tls, X509Certificate2? clientCertificate)
    {
        _app = app;
        Http2Address = http2Address;
        Http1Address = http1Address;
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => tls },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        Client = new HttpClient(handler) { BaseAddress = http2Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        Http1Client = new HttpClient { BaseAddress = http1Address, DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    public Uri Http2Address { get; }

    public Uri Http1Address { get; }

    public HttpClient Client { get; }

    public HttpClient Http1Client { get; }

    public IServiceProvider Services => _app.Services;

    public EchoProbe Probe => _app.Services.GetRequiredService<EchoProbe>();

    public ManualTimeProvider Clock => (ManualTimeProvider)_app.Services.GetRequiredService<TimeProvider>();

    public static async Task<TestGrpcServer> StartAsync(
        Action<GrpcServiceOptions>? configureOptions = null,
        Action<IServiceCollection, IGrpcServerBuilder>? configureServices = null,
        Action<WebApplication>? configureApp = null,
        X509Certificate2? certificate = null,
        X509Certificate2? clientCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            if (clientCertificate is null)
            {
                kestrel.ListenGrpc(IPAddress.Loopback, 0, certificate);
            }
            else
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2;
                    listen.UseHttps(certificate!, https =>
                    {
                        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                        https.AllowAnyClientCertificate();
                    });
                });
            }
            kestrel.ListenGrpcWeb(IPAddress.Loopback, 0);
        });
        builder.Services.AddSingleton<EchoProbe>();
        builder.Services.AddSingleton<TimeProvider, ManualTimeProvider>();
        var grpc = configureOptions is null ? builder.Services.AddGrpc() : builder.Services.AddGrpc(configureOptions);
        configureServices?.Invoke(builder.Services, grpc);
        var app = builder.Build();
        if (configureApp is null)
        {
            app.MapGrpcService<EchoTestService>();
        }
        else
        {
            configureApp(app);
        }
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var scheme = certificate is null ? "http" : "https";
        var http2 = addresses.First(a => a.Scheme == scheme);
        var http1 = addresses.First(a => a.Scheme == "http" && a != http2);
        return new TestGrpcServer(app, http2, http1, certificate is not null, clientCertificate);
    }

    /// <summary>Sends one raw gRPC request and reads the whole response, trailers included.</summary>
    public async Task<GrpcResponse> CallAsync(string path, byte[] body, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(path, new ByteArrayContent(body));
        configure?.Invoke(request);
        var response = await Client.SendAsync(request, cancellationToken);
        return new GrpcResponse(response, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public static HttpRequestMessage CreateRequest(string path, HttpContent content, string contentType = "application/grpc", bool http11 = false)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
            Version = http11 ? HttpVersion.Version11 : HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http1Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
