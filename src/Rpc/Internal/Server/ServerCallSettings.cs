using System.IO.Compression;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Internal.Server;

/// <summary>A service's options resolved once at mapping time, so a call reads plain fields.</summary>
internal sealed class ServerCallSettings
{
    public ServerCallSettings(GrpcServiceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        EnableDetailedErrors = options.EnableDetailedErrors ?? false;
        CompressionProviders = [.. options.CompressionProviders];
        ResponseCompressionLevel = options.ResponseCompressionLevel;
        Interceptors = [.. options.Interceptors];
        TimeProvider = timeProvider;
        Logger = logger;
        AcceptEncoding = string.Join(",", ["identity", .. CompressionProviders.Select(p => p.EncodingName)]);
        if (options.ResponseCompressionAlgorithm is { } algorithm)
        {
            ResponseCompression = FindProvider(algorithm)
                ?? throw new InvalidOperationException($"The response compression algorithm '{algorithm}' has no provider in CompressionProviders.");
        }
    }

    public int? MaxReceiveMessageSize { get; }

    public int? MaxSendMessageSize { get; }

    public bool EnableDetailedErrors { get; }

    public ICompressionProvider[] CompressionProviders { get; }

    /// <summary>The <c>grpc-accept-encoding</c> value naming every encoding the server can decode.</summary>
    public string AcceptEncoding { get; }

    public ICompressionProvider? ResponseCompression { get; }

    public CompressionLevel? ResponseCompressionLevel { get; }

    public InterceptorRegistration[] Interceptors { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public ICompressionProvider? FindProvider(string encoding)
    {
        foreach (var provider in CompressionProviders)
        {
            if (string.Equals(provider.EncodingName, encoding, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }
        return null;
    }
}
