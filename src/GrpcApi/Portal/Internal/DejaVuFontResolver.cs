using PdfSharp.Fonts;

namespace VetActors.GrpcApi.Portal.Internal;

/// <summary>
/// PDFsharp finds no system fonts on Linux: every family resolves to DejaVu Sans (regular or bold; italics are
/// simulated), read once from <paramref name="directory"/>. The font is embedded in each PDF (as a subset), so
/// readers need nothing installed.
/// </summary>
internal sealed class DejaVuFontResolver(string directory) : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private readonly Lazy<byte[]> _regular = new(() => Load(directory, Regular));
    private readonly Lazy<byte[]> _bold = new(() => Load(directory, Bold));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName == Bold ? _bold.Value : _regular.Value;

    private static byte[] Load(string directory, string face)
    {
        var path = Path.Combine(directory, face + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Font {path} is missing: install Debian's fonts-dejavu-core (scripts/deps.sh) or set Portal:IdCard:FontDirectory.", path);
    }
}
