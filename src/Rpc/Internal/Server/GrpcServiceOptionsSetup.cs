using System.IO.Compression;
using Microsoft.Extensions.Options;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>The server-wide defaults, in one place.</summary>
internal sealed class GrpcServiceOptionsSetup : IConfigureOptions<GrpcServiceOptions>
{
    public void Configure(GrpcServiceOptions options)
    {
        if (!options.MaxReceiveMessageSizeSpecified)
        {
            // grpc-dotnet's MethodOptions.DefaultReceiveMaxMessageSize and C-core's default: 4 MiB.
            options.SetDefaultMaxReceiveMessageSize(GrpcProtocolConstants.DefaultMaxReceiveMessageSize);
        }
        if (options.CompressionProviders.Count == 0)
        {
            // grpc-dotnet's default is gzip only; deflate is what C-core and grpc-java also support.
            options.CompressionProviders.Add(new GzipCompressionProvider(CompressionLevel.Fastest));
            options.CompressionProviders.Add(new DeflateCompressionProvider(CompressionLevel.Fastest));
        }
    }
}
