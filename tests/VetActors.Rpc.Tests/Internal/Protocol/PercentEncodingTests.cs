using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Tests.Internal.Protocol;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain message", "plain message")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("\r\n", "%0D%0A")]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n",
        "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A")]
    public void Encode_Message_MatchesSpec(string message, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(message));
    }

    [Fact]
    public void Encode_PlainAscii_ReturnsSameInstance()
    {
        const string message = "no escapes needed";

        Assert.Same(message, PercentEncoding.Encode(message));
    }

    [Theory]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n")]
    [InlineData("%%%")]
    [InlineData("é")]
    public void Decode_EncodedMessage_RoundTrips(string message)
    {
        Assert.Equal(message, PercentEncoding.Decode(PercentEncoding.Encode(message)));
    }

    [Fact]
    public void Decode_LongMessage_RoundTripsThroughRentedBuffer()
    {
        var message = string.Concat(Enumerable.Repeat("ünïcödé\n", 200));

        Assert.Equal(message, PercentEncoding.Decode(PercentEncoding.Encode(message)));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("50%", "50%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%41%zz%42", "A%zzB")]
    [InlineData("%e2%98%ba", "\u263A")]
    public void Decode_MalformedOrLowercaseEscapes_IsLenient(string value, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(value));
    }

    [Fact]
    public void Decode_InvalidUtf8_YieldsReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb", PercentEncoding.Decode("a%FFb"));
    }
}
