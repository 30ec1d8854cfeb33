using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Tests.Internal.Protocol;

public sealed class GrpcTimeoutTests
{
    public static TheoryData<string, TimeSpan> ValidValues => new()
    {
        { "1H", TimeSpan.FromHours(1) },
        { "2M", TimeSpan.FromMinutes(2) },
        { "30S", TimeSpan.FromSeconds(30) },
        { "250m", TimeSpan.FromMilliseconds(250) },
        { "1500u", TimeSpan.FromMicroseconds(1500) },
        { "1n", TimeSpan.FromTicks(1) },
        { "200n", TimeSpan.FromTicks(2) },
        { "99999999S", TimeSpan.FromSeconds(99_999_999) },
        { "0m", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void TryParse_ValidValue_ReturnsTimeout(string value, TimeSpan expected)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(expected, timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    [InlineData("123456789S")]
    [InlineData("abc")]
    public void TryParse_InvalidValue_ReturnsFalse(string value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }

    public static TheoryData<TimeSpan, string> FormatCases => new()
    {
        { TimeSpan.Zero, "1n" },
        { TimeSpan.FromSeconds(-5), "1n" },
        { TimeSpan.FromTicks(1), "100n" },
        { TimeSpan.FromMilliseconds(1), "1000000n" },
        { TimeSpan.FromSeconds(1), "1000000u" },
        { TimeSpan.FromSeconds(30), "30000000u" },
        { TimeSpan.FromMinutes(10), "600000m" },
        { TimeSpan.FromDays(3), "259200S" },
        { TimeSpan.FromDays(3650), "5256000M" },
        { TimeSpan.FromHours(99_999_999), "99999999H" },
        { TimeSpan.MaxValue, "99999999H" },
    };

    [Theory]
    [MemberData(nameof(FormatCases))]
    public void Format_Timeout_UsesFinestUnitWithinEightDigits(TimeSpan timeout, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(timeout));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12_345)]
    [InlineData(987_654_321)]
    [InlineData(31_415_926_535_897)]
    public void Format_ThenParse_NeverShortensTheTimeout(long ticks)
    {
        var timeout = TimeSpan.FromTicks(ticks);

        var text = GrpcTimeout.Format(timeout);

        Assert.True(text.Length <= 9);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed));
        Assert.True(parsed >= timeout);
    }
}
