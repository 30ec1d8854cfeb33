using Microsoft.AspNetCore.Server.Kestrel.Core;
using VetActors.Silo.Configuration;

namespace VetActors.Silo.Hosting;

/// <summary>The silo's one Kestrel endpoint.</summary>
internal static class SiloEndpointExtensions
{
    /// <summary>
    /// Listens on <see cref="SiloOptions.ListenUrl"/> with HTTP/2 only: cleartext HTTP/2 (h2c, what gRPC clients
    /// send with prior knowledge) is only possible on an HTTP/2-only endpoint.
    /// </summary>
    public static WebApplicationBuilder AddSiloEndpoint(this WebApplicationBuilder builder)
    {
        var options = builder.GetValidatedOptions(SiloOptions.SectionName, new SiloOptionsValidator());
        if (!SiloOptionsValidator.TryParseListenUrl(options.ListenUrl, out var address, out var port))
        {
            throw new SiloStartupException($"Invalid Silo:ListenUrl '{options.ListenUrl}'.");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (address is null)
            {
                kestrel.ListenLocalhost(port, endpoint => endpoint.Protocols = HttpProtocols.Http2);
            }
            else
            {
                kestrel.Listen(address, port, endpoint => endpoint.Protocols = HttpProtocols.Http2);
            }
        });
        return builder;
    }
}
