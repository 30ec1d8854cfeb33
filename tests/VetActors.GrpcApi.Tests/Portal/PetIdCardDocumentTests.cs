using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Portal.Internal;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed class PetIdCardDocumentTests
{
    private static readonly PetIdCardOptions Agpl = new() { PdfSharpLicense = PetIdCardOptions.AgplLicense };

    [Fact]
    public async Task Render_NonLatinNames_AreReadBackByPdftotext()
    {
        var card = Card("Žofka Ёлочка", "Клиника «Айболит»", [new Vaccination("v1", "Vakcína proti vzteklině", new DateOnly(2026, 1, 2), null)]);

        var (content, fileName) = PetIdCardDocument.Render(card, Agpl);
        var text = await PdfText.ExtractAsync(content);

        Assert.Contains("Žofka Ёлочка", text, StringComparison.Ordinal);
        Assert.Contains("Клиника «Айболит»", text, StringComparison.Ordinal);
        Assert.Contains("Vakcína proti vzteklině", text, StringComparison.Ordinal);
        Assert.Equal("Žofka-Ёлочка-id-card.pdf", fileName);
    }

    [Fact]
    public async Task Render_ManyVaccines_ContinuesOnASecondPageWithNoneLost()
    {
        var vaccines = Enumerable.Range(1, 40).Select(i => new Vaccination("v" + i, $"Vaccine number {i}", new DateOnly(2026, 1, 2), null)).ToArray();

        var (content, _) = PetIdCardDocument.Render(Card("Rex", "Riverside", vaccines), Agpl);
        var text = await PdfText.ExtractAsync(content);

        Assert.All(vaccines, v => Assert.Contains(v.Vaccine + "\n", text, StringComparison.Ordinal));
        Assert.Contains("\f", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NameWithoutLettersOrDigits_FileNameFallsBackToThePetId()
    {
        Assert.Equal("pet-p-7-id-card.pdf", PetIdCardDocument.Render(Card("../ \\ *?", "Riverside", []), Agpl).FileName);
    }

    [Fact]
    public void Render_NameTheFontHasNoGlyphsFor_StillRendersAndKeepsTheNameInTheFileName()
    {
        // DejaVu Sans has no CJK glyphs: the card shows empty boxes for them rather than failing.
        var (content, fileName) = PetIdCardDocument.Render(Card("小白", "Riverside", []), Agpl);

        Assert.Equal("小白-id-card.pdf", fileName);
        Assert.Equal("%PDF-"u8.ToArray(), content[..5]);
    }

    [Fact]
    public void Render_NoLicenceConfigured_IsARuleViolationNamingTheSetting()
    {
        var refused = Assert.Throws<RuleViolation>(() => PetIdCardDocument.Render(Card("Rex", "Riverside", []), new PetIdCardOptions()));

        Assert.Contains("Portal:IdCard:PdfSharpLicense", refused.Message, StringComparison.Ordinal);
    }

    private static PetIdCard Card(string name, string clinic, IReadOnlyList<Vaccination> vaccines) => new(
        "p-7",
        new Signalment(name, "feline", null, "F", null, null, null, null, false, null),
        null,
        vaccines,
        clinic,
        "+1 555 010 0199",
        new DateOnly(2026, 4, 30));
}
