using System.IO.Compression;

namespace VetActors.Rpc;

/// <summary>
/// A message compression algorithm, named as in <c>grpc-encoding</c> (shaped like Grpc.Net.Compression's
/// provider). Each gRPC message is compressed on its own.
/// </summary>
public interface ICompressionProvider
{
    /// <summary>The <c>grpc-encoding</c> name, e.g. <c>gzip</c>.</summary>
    string EncodingName { get; }

    /// <summary>A stream that compresses what is written to it into <paramref name="stream"/>, leaving it open.</summary>
    Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel);

    /// <summary>A stream that decompresses what it reads from <paramref name="stream"/>, leaving it open.</summary>
    Stream CreateDecompressionStream(Stream stream);
}
