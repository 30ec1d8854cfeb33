using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Beside Kestrel's own Listen* extensions.
namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel endpoints set up the way gRPC needs them.</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on <paramref name="address"/>:<paramref name="port"/>. Without a certificate the endpoint
    /// is cleartext HTTP/2 only (h2c with prior knowledge: a cleartext endpoint that also allows HTTP/1.1 never
    /// negotiates HTTP/2). With a certificate it is TLS, where ALPN picks <c>h2</c> for gRPC clients and
    /// <c>http/1.1</c> for browsers using gRPC-Web.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions options, IPAddress address, int port, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(address);
        options.Listen(address, port, listen =>
        {
            if (certificate is null)
            {
                listen.Protocols = HttpProtocols.Http2;
                return;
            }
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        });
        return options;
    }

    /// <summary>
    /// Listens for browsers' gRPC-Web over cleartext HTTP/1.1 (and HTTP/2 with prior knowledge is not possible
    /// on the same cleartext endpoint, so gRPC clients use a <see cref="ListenGrpc"/> endpoint).
    /// </summary>
    public static KestrelServerOptions ListenGrpcWeb(this KestrelServerOptions options, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(address);
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http1);
        return options;
    }
}
