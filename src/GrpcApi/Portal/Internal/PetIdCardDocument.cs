using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;

namespace VetActors.GrpcApi.Portal.Internal;

/// <summary>Renders a pet's ID card as a one-page (more when the vaccines run long) A5 PDF with PDFsharp.</summary>
internal static class PetIdCardDocument
{
    private const double Margin = 36;
    private static readonly Lock SetupLock = new();
    private static bool s_configured;

    /// <summary>The PDF and a file name to save it under.</summary>
    public static (byte[] Content, string FileName) Render(PetIdCard card, PetIdCardOptions options)
    {
        Configure(options);
        var document = new PdfDocument();
        document.Info.Title = $"{card.Signalment.Name}: pet ID card";
        document.Info.Subject = "Pet ID card from " + card.ClinicName;
        var writer = new PageWriter(document);

        writer.Line("Pet ID card", 18, bold: true);
        writer.Line(card.ClinicName + (string.IsNullOrWhiteSpace(card.ClinicPhone) ? "" : " · " + card.ClinicPhone), 10);
        writer.Gap(10);
        writer.Line(card.Signalment.Name, 16, bold: true);
        foreach (var (label, value) in Rows(card))
        {
            writer.Field(label, value);
        }

        writer.Gap(10);
        writer.Line("Current vaccines", 13, bold: true);
        if (card.CurrentVaccines.Count == 0)
        {
            writer.Line("None on record.", 10);
        }

        foreach (var v in card.CurrentVaccines)
        {
            writer.Line(v.Vaccine, 10, bold: true);
            writer.Line($"given {Day(v.Given)}, " + (v.Expires is { } expires ? $"valid until {Day(expires)}" : "no expiry date recorded"), 10);
        }

        writer.Gap(10);
        writer.Line($"Issued {Day(card.IssuedOn)} from the clinic's records.", 8);
        writer.Dispose();

        using var stream = new MemoryStream();
        document.Save(stream);
        return (stream.ToArray(), FileName(card));
    }

    private static IEnumerable<(string Label, string Value)> Rows(PetIdCard card)
    {
        var s = card.Signalment;
        yield return ("Species", s.Species);
        yield return ("Breed", s.Breed ?? "");
        yield return ("Sex", s.Sex ?? "");
        yield return ("Born", s.BirthDate is { } birth
            ? Day(birth) + (card.Age is { } age ? $" ({age.Years} y {age.Months} m)" : "")
            : "unknown");
        yield return ("Colour", s.Colour ?? "");
        yield return ("Microchip", s.Microchip ?? "");
        yield return ("Weight", s.Weight is { } w ? $"{w.Value.ToString(CultureInfo.InvariantCulture)} {w.Unit} on {Day(w.MeasuredOn)}" : "unknown");
        if (s.Deceased)
        {
            yield return ("Deceased", s.DeceasedDate is { } died ? Day(died) : "yes");
        }
    }

    private static string FileName(PetIdCard card)
    {
        // Letters and digits of any script, everything else (path separators, quotes, spaces) as single dashes.
        var name = new StringBuilder();
        foreach (var c in card.Signalment.Name)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }

        var stem = name.ToString().Trim('-');
        return (stem.Length > 0 ? stem : "pet-" + card.PetId) + "-id-card.pdf";
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>PDFsharp's licence and font resolver are process-wide and may be set once, before the first document.</summary>
    private static void Configure(PetIdCardOptions options)
    {
        // Checked on every call, so a host without a licence refuses even when another in the process set one.
        if (string.IsNullOrWhiteSpace(options.PdfSharpLicense))
        {
            throw new RuleViolation(
                "portal.id_card_disabled", "Pet ID cards are not enabled on this server: no PDFsharp licence is configured (Portal:IdCard:PdfSharpLicense).");
        }

        lock (SetupLock)
        {
            if (s_configured)
            {
                return;
            }

            if (options.PdfSharpLicense == PetIdCardOptions.AgplLicense)
            {
                PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                PdfSharpLicense.LoadLicense(options.PdfSharpLicense);
            }

            GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(options.FontDirectory);
            s_configured = true;
        }
    }

    /// <summary>Writes lines down A5 pages, starting a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Line(string text, double size, bool bold = false) => Draw(null, text, size, bold);

        public void Field(string label, string value) => Draw(label, value, 10, false);

        public void Gap(double points) => _y += points;

        public void Dispose() => _graphics?.Dispose();

        private void Draw(string? label, string text, double size, bool bold)
        {
            var font = Font(size, bold);
            var height = font.GetHeight() * 1.25;
            if (_graphics is null || _y + height > _page!.Height.Point - Margin)
            {
                _graphics?.Dispose();
                _page = document.AddPage();
                _page.Size = PageSize.A5;
                _graphics = XGraphics.FromPdfPage(_page);
                _y = Margin;
            }

            var x = Margin;
            if (label is not null)
            {
                var labelFont = Font(size, bold: true);
                _graphics.DrawString(label, labelFont, XBrushes.DimGray, new XPoint(x, _y + font.GetHeight()));
                x += 90;
            }

            _graphics.DrawString(text, font, XBrushes.Black, new XPoint(x, _y + font.GetHeight()));
            _y += height;
        }

        // Unicode (Identity-H with a ToUnicode map), not WinAnsi: pet and clinic names are not all Latin-1, and text
        // extraction (search, screen readers, pdftotext) must give back what was written.
        private static XFont Font(double size, bool bold) =>
            new(DejaVuFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }
}
