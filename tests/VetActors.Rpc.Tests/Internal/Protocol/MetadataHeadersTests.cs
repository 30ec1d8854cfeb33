using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Tests.Internal.Protocol;

public sealed class MetadataHeadersTests
{
    [Theory]
    [InlineData(":path")]
    [InlineData("content-type")]
    [InlineData("te")]
    [InlineData("host")]
    [InlineData("grpc-encoding")]
    [InlineData("grpc-accept-encoding")]
    [InlineData("grpc-timeout")]
    [InlineData("content-encoding")]
    [InlineData("accept-encoding")]
    public void IsReservedRequestHeader_TransportHeader_ReturnsTrue(string name)
    {
        Assert.True(MetadataHeaders.IsReservedRequestHeader(name));
    }

    [Theory]
    [InlineData("user-agent")]
    [InlineData("authorization")]
    [InlineData("x-custom-bin")]
    public void IsReservedRequestHeader_Metadata_ReturnsFalse(string name)
    {
        Assert.False(MetadataHeaders.IsReservedRequestHeader(name));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-message")]
    [InlineData("content-type")]
    [InlineData(":status")]
    public void IsReservedResponseHeader_StatusHeader_ReturnsTrue(string name)
    {
        Assert.True(MetadataHeaders.IsReservedResponseHeader(name));
    }

    [Fact]
    public void FormatValue_BinaryEntry_IsUnpaddedBase64()
    {
        var entry = new Metadata.Entry("trace-bin", [0xAB, 0xAB, 0xAB, 0x01]);

        Assert.Equal("q6urAQ", MetadataHeaders.FormatValue(entry));
    }

    [Fact]
    public void FormatValue_AsciiEntry_IsTheValue()
    {
        Assert.Equal("v 1", MetadataHeaders.FormatValue(new Metadata.Entry("k", "v 1")));
    }

    [Theory]
    [InlineData("q6urAQ")]
    [InlineData("q6urAQ==")]
    public void AddEntries_BinaryPaddedOrUnpadded_Decodes(string value)
    {
        var metadata = new Metadata();

        MetadataHeaders.AddEntries(metadata, "trace-bin", value);

        var entry = Assert.Single(metadata);
        Assert.True(entry.IsBinary);
        Assert.Equal(new byte[] { 0xAB, 0xAB, 0xAB, 0x01 }, entry.ValueBytes);
    }

    [Fact]
    public void AddEntries_CommaJoinedBinaryValues_SplitsIntoEntries()
    {
        var metadata = new Metadata();

        MetadataHeaders.AddEntries(metadata, "trace-bin", "AQI, AwQ=,BQ");

        Assert.Equal([[1, 2], [3, 4], [5]], metadata.Select(e => e.ValueBytes).ToArray());
    }

    [Fact]
    public void AddEntries_InvalidBase64_SkipsThatValue()
    {
        var metadata = new Metadata();

        MetadataHeaders.AddEntries(metadata, "trace-bin", "!!!,AQI,A");

        Assert.Equal([[1, 2]], metadata.Select(e => e.ValueBytes).ToArray());
    }

    [Fact]
    public void AddEntries_AsciiValueWithComma_KeepsOneEntry()
    {
        var metadata = new Metadata();

        MetadataHeaders.AddEntries(metadata, "X-Custom", "a, b");

        var entry = Assert.Single(metadata);
        Assert.Equal("x-custom", entry.Key);
        Assert.Equal("a, b", entry.Value);
    }

    [Fact]
    public void AddEntries_InvalidKey_IsSkipped()
    {
        var metadata = new Metadata();

        MetadataHeaders.AddEntries(metadata, "bad key!", "value");

        Assert.Empty(metadata);
    }

    [Fact]
    public void EncodeBase64Unpadded_LargeValue_RoundTrips()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        var text = MetadataHeaders.EncodeBase64Unpadded(bytes);

        Assert.DoesNotContain('=', text);
        Assert.True(MetadataHeaders.TryDecodeBase64(text, out var decoded));
        Assert.Equal(bytes, decoded);
    }
}
