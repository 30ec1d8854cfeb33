using VetActors.Grains.Consent;

namespace VetActors.Grains.Tests.Consent;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop \n")]
    [InlineData("STOPALL")]
    [InlineData("unsubscribe")]
    [InlineData("Cancel")]
    [InlineData("END")]
    [InlineData("quit")]
    [InlineData("REVOKE")]
    [InlineData("OptOut")]
    public void Classify_OptOutWords_AreOptOut(string text) => Assert.Equal(SmsKeywordKind.OptOut, SmsKeywords.Classify(text));

    [Theory]
    [InlineData("START")]
    [InlineData(" unstop ")]
    [InlineData("Yes")]
    public void Classify_OptInWords_AreOptIn(string text) => Assert.Equal(SmsKeywordKind.OptIn, SmsKeywords.Classify(text));

    [Theory]
    [InlineData("HELP")]
    [InlineData("\thelp ")]
    public void Classify_Help_IsHelp(string text) => Assert.Equal(SmsKeywordKind.Help, SmsKeywords.Classify(text));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Stop by tomorrow?")]
    [InlineData("STOP!")]
    [InlineData("ST OP")]
    [InlineData("yes please")]
    [InlineData("Can Bella come in at 3?")]
    public void Classify_OtherTexts_AreNotKeywords(string? text) => Assert.Equal(SmsKeywordKind.None, SmsKeywords.Classify(text));

    [Fact]
    public void Normalize_TrimsAndUpperCases() => Assert.Equal("UNSUBSCRIBE", SmsKeywords.Normalize("  unSubscribe "));
}
