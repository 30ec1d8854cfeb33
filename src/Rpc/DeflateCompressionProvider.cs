using System.IO.Compression;

namespace VetActors.Rpc;

/// <summary>
/// The <c>deflate</c> message encoding. As in HTTP's content-coding and C-core, "deflate" means the zlib
/// format (RFC 1950: a deflate stream with the zlib header and checksum), not raw deflate.
/// </summary>
public sealed class DeflateCompressionProvider : ICompressionProvider
{
    private readonly CompressionLevel _defaultCompressionLevel;

    public DeflateCompressionProvider(CompressionLevel defaultCompressionLevel)
    {
        _defaultCompressionLevel = defaultCompressionLevel;
    }

    public string EncodingName => "deflate";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new ZLibStream(stream, compressionLevel ?? _defaultCompressionLevel, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) => new ZLibStream(stream, CompressionMode.Decompress, leaveOpen: true);
}
