using System.IO.Compression;

namespace VetActors.Rpc.Tests.Compression;

public sealed class CompressionProviderTests
{
    public static TheoryData<ICompressionProvider> Providers => new()
    {
        new GzipCompressionProvider(CompressionLevel.Fastest),
        new DeflateCompressionProvider(CompressionLevel.Fastest),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void CompressThenDecompress_RoundTripsAndLeavesStreamsOpen(ICompressionProvider provider)
    {
        var payload = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 7)).ToArray();
        using var compressed = new MemoryStream();

        using (var compressor = provider.CreateCompressionStream(compressed, CompressionLevel.Optimal))
        {
            compressor.Write(payload);
        }
        Assert.True(compressed.CanRead);
        Assert.True(compressed.Length < payload.Length);
        compressed.Position = 0;
        using var decompressor = provider.CreateDecompressionStream(compressed);
        using var output = new MemoryStream();
        decompressor.CopyTo(output);

        Assert.Equal(payload, output.ToArray());
    }

    [Fact]
    public void Gzip_Output_HasGzipMagic()
    {
        using var compressed = new MemoryStream();
        using (var compressor = new GzipCompressionProvider(CompressionLevel.Fastest).CreateCompressionStream(compressed, null))
        {
            compressor.Write("hello"u8);
        }

        Assert.Equal(new byte[] { 0x1F, 0x8B }, compressed.ToArray()[..2]);
    }

    [Fact]
    public void Deflate_Output_IsZlibFormat()
    {
        using var compressed = new MemoryStream();
        using (var compressor = new DeflateCompressionProvider(CompressionLevel.Fastest).CreateCompressionStream(compressed, null))
        {
            compressor.Write("hello"u8);
        }

        var bytes = compressed.ToArray();
        Assert.Equal(0x78, bytes[0]);
        Assert.Equal(0, ((bytes[0] << 8) | bytes[1]) % 31);
    }

    [Fact]
    public void EncodingNames_AreGrpcEncodings()
    {
        Assert.Equal("gzip", new GzipCompressionProvider(CompressionLevel.Fastest).EncodingName);
        Assert.Equal("deflate", new DeflateCompressionProvider(CompressionLevel.Fastest).EncodingName);
    }
}
