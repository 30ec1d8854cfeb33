using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>TLS with ALPN h2 when the endpoint has a certificate.</summary>
public sealed class ServerTlsTests
{
    private static X509Certificate2 CreateSelfSignedCertificate(string commonName = "localhost", string dnsName = "localhost", string usageOid = "1.3.6.1.5.5.7.3.1")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        // Re-import through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task TlsEndpoint_NegotiatesH2ByAlpn_AndServesCalls()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var server = await TestGrpcServer.StartAsync(certificate: certificate);

        var response = await server.CallAsync("/vetactors.rpc.tests.EchoService/Echo", GrpcWire.Frame(new EchoRequest { Text = "context" }));

        Assert.Equal("https", server.Http2Address.Scheme);
        Assert.Equal(HttpVersion.Version20, response.Message.Version);
        Assert.Equal("0", response.Status);
        var parts = EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text.Split('|');
        Assert.Equal("False", parts[4]);
    }

    [Fact]
    public async Task TlsEndpoint_AlpnOffersH2()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var server = await TestGrpcServer.StartAsync(certificate: certificate);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Http2Address.Port);
        await using var tls = new SslStream(tcp.GetStream());

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.Subject == "CN=localhost",
        });

        Assert.Equal(SslApplicationProtocol.Http2, tls.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task ClientCertificate_BecomesTheAuthContext()
    {
        using var certificate = CreateSelfSignedCertificate();
        using var clientCertificate = CreateSelfSignedCertificate("clinic-42 agent", "agent.clinic-42.test", "1.3.6.1.5.5.7.3.2");
        await using var server = await TestGrpcServer.StartAsync(certificate: certificate, clientCertificate: clientCertificate);

        var response = await server.CallAsync("/vetactors.rpc.tests.EchoService/Echo", GrpcWire.Frame(new EchoRequest { Text = "auth" }));

        Assert.Equal("0", response.Status);
        Assert.Equal("x509_subject_alternative_name|agent.clinic-42.test|ssl", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
    }
}
