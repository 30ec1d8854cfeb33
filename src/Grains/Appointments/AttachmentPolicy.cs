namespace VetActors.Grains.Appointments;

/// <summary>Which files a client may attach: decided by the leading bytes, never the name the client gave.</summary>
internal static class AttachmentPolicy
{
    internal const int MaxBytes = 5 * 1024 * 1024;
    internal const int MaxAttachments = 10;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Pdf => "%PDF-"u8;

    /// <summary>The content type the bytes prove, or <c>null</c> when they are none of JPEG, PNG, PDF.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith(Jpeg) ? "image/jpeg"
        : content.StartsWith(Png) ? "image/png"
        : content.StartsWith(Pdf) ? "application/pdf"
        : null;
}
