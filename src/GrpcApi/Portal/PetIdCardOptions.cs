namespace VetActors.GrpcApi.Portal;

/// <summary>
/// How the portal renders pet ID cards as PDF (section <c>Portal:IdCard</c>; environment
/// <c>VETACTORS__Portal__IdCard__PdfSharpLicense</c>). PDFsharp 6.5 renders nothing until its licence is chosen, and
/// the choice binds the product: <c>AGPL</c> puts the whole service under the AGPL, anything else is loaded as a
/// commercial PDFsharp licence key. Empty (the default): GetPetIdCard refuses with FAILED_PRECONDITION.
/// </summary>
public sealed class PetIdCardOptions
{
    public const string SectionName = "Portal:IdCard";

    /// <summary>The value that selects PDFsharp's AGPL licence.</summary>
    public const string AgplLicense = "AGPL";

    /// <summary><see cref="AgplLicense"/>, or a commercial PDFsharp licence key (base64); empty disables ID cards.</summary>
    public string? PdfSharpLicense { get; set; }

    /// <summary>The folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core, installed by scripts/deps.sh).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
}
