using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Client;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Client;

/// <summary>Credentials, TLS, interceptors and addressing.</summary>
public sealed class GrpcChannelCredentialsTests
{
    private static CallCredentials Bearer(string token, List<AuthInterceptorContext>? seen = null) =>
        CallCredentials.FromInterceptor((context, metadata) =>
        {
            seen?.Add(context);
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });

    /// <summary>Records the request's headers and path, then echoes.</summary>
    private sealed class Recorder
    {
        public IHeaderDictionary? Headers { get; private set; }

        public string? Path { get; private set; }

        public async Task Handle(HttpContext context)
        {
            Headers = context.Request.Headers;
            Path = context.Request.PathBase + context.Request.Path;
            await EchoWire.EchoHandler(context);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CallCredentials_OverInsecureChannel_SentOnlyWhenAllowed(bool allowInsecure)
    {
        var recorder = new Recorder();
        await using var server = await FakeGrpcServer.StartAsync(recorder.Handle);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { UnsafeUseInsecureChannelCallCredentials = allowInsecure });
        var seen = new List<AuthInterceptorContext>();

        await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), new CallOptions(credentials: Bearer("abc", seen)));

        Assert.Equal(allowInsecure ? "Bearer abc" : null, (string?)recorder.Headers!["authorization"]);
        if (allowInsecure)
        {
            var context = Assert.Single(seen);
            Assert.Equal($"http://{server.Address.Authority}/vetactors.rpc.tests.EchoService", context.ServiceUrl);
            Assert.Equal("Echo", context.MethodName);
        }
    }

    [Fact]
    public async Task CallCredentials_InterceptorThrows_FailsUnavailableWithoutSending()
    {
        await using var server = await FakeGrpcServer.StartAsync(EchoWire.EchoHandler);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { UnsafeUseInsecureChannelCallCredentials = true });
        var failing = CallCredentials.FromInterceptor((_, _) => throw new InvalidOperationException("token service down"));

        var error = await Assert.ThrowsAsync<RpcException>(() => new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest(), new CallOptions(credentials: failing)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("token service down", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task SecureChannel_WithComposedCredentials_SendsChannelAndCallCredentialsOverTls()
    {
        using var certificate = CreateCertificate();
        var recorder = new Recorder();
        await using var server = await FakeGrpcServer.StartAsync(recorder.Handle, certificate: certificate);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
        var address = new Uri($"https://localhost:{server.Address.Port}");
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("x-tenant", "clinic-42");
                return Task.CompletedTask;
            })),
        });

        var reply = await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Text = "secure" }, new CallOptions(credentials: Bearer("xyz")));

        Assert.Equal("secure", reply.Text);
        Assert.Equal("clinic-42", recorder.Headers!["x-tenant"]);
        Assert.Equal("Bearer xyz", recorder.Headers["authorization"]);
    }

    [Fact]
    public void Credentials_MismatchedWithScheme_Throw()
    {
        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress("http://localhost:5000", new GrpcChannelOptions { Credentials = ChannelCredentials.SecureSsl }));
        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress("https://localhost:5000", new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure }));
        Assert.Throws<ArgumentException>(() => ChannelCredentials.Create(ChannelCredentials.Insecure, Bearer("x")));
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("ftp://localhost"));
    }

    [Fact]
    public async Task Intercept_MetadataAndInterceptorClass_RunAroundTheCall()
    {
        var recorder = new Recorder();
        await using var server = await FakeGrpcServer.StartAsync(recorder.Handle);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var counting = new CountingInterceptor();
        var invoker = channel.Intercept(counting).Intercept(metadata =>
        {
            metadata.Add("x-intercepted", "yes");
            return metadata;
        });

        var reply = await new EchoService.EchoServiceClient(invoker).EchoAsync(new EchoRequest { Text = "via interceptors" });

        Assert.Equal("via interceptors", reply.Text);
        Assert.Equal("yes", recorder.Headers!["x-intercepted"]);
        Assert.Equal(1, counting.UnaryCalls);
    }

    [Fact]
    public async Task Address_WithPathBase_PrefixesMethodPath()
    {
        var recorder = new Recorder();
        await using var server = await FakeGrpcServer.StartAsync(recorder.Handle);
        using var channel = GrpcChannel.ForAddress(new Uri(server.Address, "/api/grpc/"));

        await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest());

        Assert.Equal("/api/grpc/vetactors.rpc.tests.EchoService/Echo", recorder.Path);
        Assert.Equal(server.Address.Authority, channel.Target);
    }

    [Fact]
    public async Task HostOverride_SetsAuthority()
    {
        string? authority = null;
        await using var server = await FakeGrpcServer.StartAsync(context =>
        {
            authority = context.Request.Host.Value;
            return EchoWire.EchoHandler(context);
        });
        using var channel = GrpcChannel.ForAddress(server.Address);

        await new EchoService.EchoServiceClient(channel).WithHost("clinic-42.vetactors.test").EchoAsync(new EchoRequest());

        Assert.Equal("clinic-42.vetactors.test", authority);
    }

    [Fact]
    public async Task HttpClient_Supplied_IsUsedAndLeftUndisposed()
    {
        await using var server = await FakeGrpcServer.StartAsync(EchoWire.EchoHandler);
        using var httpClient = new HttpClient();
        using (var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient }))
        {
            Assert.Equal("c", (await new EchoService.EchoServiceClient(channel).EchoAsync(new EchoRequest { Text = "c" })).Text);
        }

        using var again = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpClient = httpClient });
        Assert.Equal("d", (await new EchoService.EchoServiceClient(again).EchoAsync(new EchoRequest { Text = "d" })).Text);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class CountingInterceptor : Interceptor
    {
        public int UnaryCalls { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            UnaryCalls++;
            return continuation(request, context);
        }
    }
}
