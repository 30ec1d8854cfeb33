using VetActors.Grains.Identity.Internal;

namespace VetActors.Grains.Tests.Identity;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_SamePassword_Matches_OtherPasswordDoesNot()
    {
        var hash = PasswordHasher.Hash("correct horse battery", 1_000);

        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterx", hash));
    }

    [Fact]
    public void Hash_IsSaltedAndNamesItsScheme_NeverContainsThePassword()
    {
        var first = PasswordHasher.Hash("correct horse battery", 1_000);
        var second = PasswordHasher.Hash("correct horse battery", 1_000);

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$1000$", first, StringComparison.Ordinal);
        Assert.DoesNotContain("horse", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("md5$abc")]
    public void Verify_MissingOrForeignHash_IsFalse(string? stored)
    {
        Assert.False(PasswordHasher.Verify("anything at all", stored));
    }
}
