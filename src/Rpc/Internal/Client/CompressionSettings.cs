using System.Collections.Frozen;

namespace VetActors.Rpc.Internal.Client;

/// <summary>A channel's message encodings, resolved once: lookup by name and the <c>grpc-accept-encoding</c> value.</summary>
internal sealed class CompressionSettings
{
    public CompressionSettings(IList<ICompressionProvider>? providers)
    {
        // Defaults follow grpc-dotnet: gzip, plus deflate which C-core servers also offer.
        providers ??= [new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Fastest), new DeflateCompressionProvider(System.IO.Compression.CompressionLevel.Fastest)];
        var byName = new Dictionary<string, ICompressionProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            byName.TryAdd(provider.EncodingName, provider);
        }
        Providers = byName.ToFrozenDictionary(StringComparer.Ordinal);
        AcceptEncoding = string.Join(',', ["identity", .. byName.Keys]);
    }

    public FrozenDictionary<string, ICompressionProvider> Providers { get; }

    /// <summary>The <c>grpc-accept-encoding</c> request header: identity first, then every provider.</summary>
    public string AcceptEncoding { get; }
}
