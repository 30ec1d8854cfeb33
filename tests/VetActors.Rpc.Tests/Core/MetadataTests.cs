using Grpc.Core;

namespace VetActors.Rpc.Tests.Core;

public sealed class MetadataTests
{
    [Fact]
    public void Add_UppercaseKey_IsNormalizedToLowercase()
    {
        var metadata = new Metadata { { "X-Request-Id", "42" } };

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("42", metadata.GetValue("x-request-id"));
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("bad:key")]
    [InlineData("")]
    public void Add_InvalidKey_Throws(string key)
    {
        var metadata = new Metadata();

        Assert.ThrowsAny<ArgumentException>(() => metadata.Add(key, "value"));
        Assert.Empty(metadata);
    }

    [Fact]
    public void Add_BinaryValueWithoutBinSuffix_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("trace", [1, 2, 3]));
    }

    [Fact]
    public void Add_StringValueWithBinSuffix_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("trace-bin", "text"));
    }

    [Fact]
    public void Get_RepeatedKey_ReturnsLastAndGetAllReturnsEveryEntryInOrder()
    {
        var metadata = new Metadata { { "k", "1" }, { "other", "x" }, { "k", "2" } };

        Assert.Equal("2", metadata.GetValue("k"));
        Assert.Equal(["1", "2"], metadata.GetAll("k").Select(e => e.Value));
    }

    [Fact]
    public void ValueBytes_OfBinaryEntry_IsACopy()
    {
        var metadata = new Metadata { { "trace-bin", new byte[] { 1, 2, 3 } } };

        metadata[0].ValueBytes[0] = 9;

        Assert.Equal(new byte[] { 1, 2, 3 }, metadata.GetValueBytes("trace-bin"));
        Assert.True(metadata[0].IsBinary);
        Assert.Throws<InvalidOperationException>(() => metadata[0].Value);
    }

    [Fact]
    public void Empty_IsReadOnly()
    {
        Assert.True(Metadata.Empty.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("k", "v"));
    }
}
