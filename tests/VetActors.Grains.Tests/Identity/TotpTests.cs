using System.Text;
using VetActors.Grains.Identity.Internal;

namespace VetActors.Grains.Tests.Identity;

public sealed class TotpTests
{
    // RFC 6238 Appendix B, SHA-1 rows; the 6-digit code is the last six digits of the 8-digit value.
    private static readonly string Rfc6238Secret = Totp.ToBase32(Encoding.ASCII.GetBytes("12345678901234567890"));

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_Rfc6238TestVectors_Match(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, Totp.Code(Rfc6238Secret, step));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_Rfc4648Vectors_RoundTrip(string text, string base32)
    {
        Assert.Equal(base32, Totp.ToBase32(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Totp.FromBase32(base32)));
    }

    [Fact]
    public void Verify_AcceptsOneStepOfDriftEitherSide_AndNothingFurther()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var step = Totp.StepAt(now);

        Assert.Equal(step - 1, Totp.Verify(Rfc6238Secret, Totp.Code(Rfc6238Secret, step - 1), now, 0));
        Assert.Equal(step + 1, Totp.Verify(Rfc6238Secret, Totp.Code(Rfc6238Secret, step + 1), now, 0));
        Assert.Null(Totp.Verify(Rfc6238Secret, Totp.Code(Rfc6238Secret, step - 2), now, 0));
        Assert.Null(Totp.Verify(Rfc6238Secret, Totp.Code(Rfc6238Secret, step + 2), now, 0));
    }

    [Fact]
    public void Verify_StepAlreadyUsed_IsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var step = Totp.StepAt(now);

        Assert.Null(Totp.Verify(Rfc6238Secret, Totp.Code(Rfc6238Secret, step), now, lastUsedStep: step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("12345a")]
    [InlineData("1234567")]
    public void Verify_MalformedCode_IsRefused(string? code)
    {
        Assert.Null(Totp.Verify(Rfc6238Secret, code, DateTimeOffset.FromUnixTimeSeconds(59), 0));
    }
}
