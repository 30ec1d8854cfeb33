using System.Buffers.Binary;
using VetActors.Grains.Common;
using VetActors.Grains.Pets.Internal;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Pets;

public sealed class PetPhotoInspectorTests
{
    [Fact]
    public void Inspect_WellFormedPng_GivesTypeAndSize()
    {
        Assert.Equal(("image/png", 4, 3), PetPhotoInspector.Inspect(TestImages.Png(4, 3)));
    }

    [Fact]
    public void Inspect_WellFormedJpeg_GivesTypeAndFrameSize()
    {
        Assert.Equal(("image/jpeg", 640, 480), PetPhotoInspector.Inspect(TestImages.Jpeg(640, 480)));
    }

    [Fact]
    public void Inspect_JpegWithVideoAppendedAfterEndOfImage_IsAccepted()
    {
        byte[] motionPhoto = [.. TestImages.Jpeg(), .. "\0\0\0\u0018ftypmp42 trailing video"u8];

        Assert.Equal("image/jpeg", PetPhotoInspector.Inspect(motionPhoto).ContentType);
    }

    [Fact]
    public void Inspect_ProgressiveJpegWithTwoScans_IsAccepted()
    {
        var jpeg = TestImages.Jpeg();
        byte[] secondScan = [0xFF, 0xC4, 0x00, 0x03, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x9A, 0xBC];
        byte[] progressive = [.. jpeg[..^2], .. secondScan, 0xFF, 0xD9];

        Assert.Equal(("image/jpeg", 640, 480), PetPhotoInspector.Inspect(progressive));
    }

    [Fact]
    public void Inspect_MaxSize_IsAcceptedAndOneByteMoreIsRefused()
    {
        Assert.Equal("image/png", PetPhotoInspector.Inspect(TestImages.Png(totalBytes: PetPhotoInspector.MaxBytes)).ContentType);

        var refused = Assert.Throws<ValidationException>(() => PetPhotoInspector.Inspect(TestImages.Png(totalBytes: PetPhotoInspector.MaxBytes + 1)));

        Assert.Equal("content: is 10485761 bytes; a photo may be at most 10 MiB (10485760 bytes).", refused.Message);
    }

    public static TheoryData<byte[], string> NotImages() => new()
    {
        { [], "content: is empty: send a JPEG or PNG image." },
        { "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "content: is not a JPEG or PNG image (it is a GIF image); the type is decided by the content, not the file name." },
        { "%PDF-1.7\n"u8.ToArray(), "content: is not a JPEG or PNG image (it is a PDF document); the type is decided by the content, not the file name." },
        { "RIFF\u0010\u0000\u0000\u0000WEBPVP8 "u8.ToArray(), "content: is not a JPEG or PNG image (it is a WebP image); the type is decided by the content, not the file name." },
        { "\u0000\u0000\u0000\u0018ftypheic"u8.ToArray(), "content: is not a JPEG or PNG image (it is an ISO media file such as HEIC); the type is decided by the content, not the file name." },
        { "just some text"u8.ToArray(), "content: is not a JPEG or PNG image (its first bytes match neither signature); the type is decided by the content, not the file name." },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Inspect_NotJpegOrPng_IsRefusedNamingWhatItIs(byte[] content, string message)
    {
        Assert.Equal(message, Assert.Throws<ValidationException>(() => PetPhotoInspector.Inspect(content)).Message);
    }

    public static TheoryData<string, byte[], string> BrokenPngs()
    {
        var png = TestImages.Png();
        var badCrc = png.ToArray();
        badCrc[20] ^= 0x01;
        var zeroWidth = Rebuild(png, header => BinaryPrimitives.WriteUInt32BigEndian(header, 0));
        var sixteenBitPalette = Rebuild(png, header => (header[8], header[9]) = (16, 3));
        return new()
        {
            { "signature only", png[..8], "it ends after its signature" },
            { "flipped header bit", badCrc, "the CRC of its IHDR chunk does not match" },
            { "zero width", zeroWidth, "its header gives an invalid size 0x3" },
            { "16-bit palette", sixteenBitPalette, "its header has an invalid format (bit depth 16, colour type 3" },
            { "trailing bytes", [.. png, 0x00, 0x01], "2 bytes follow its IEND chunk" },
            { "cut short", png[..^20], "its IDAT chunk at byte 33 claims" },
            { "no IEND", png[..^12], "it is truncated before its IEND chunk" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenPngs))]
    public void Inspect_MalformedPng_IsRefusedSayingWhy(string why, byte[] content, string reason)
    {
        var refused = Assert.Throws<ValidationException>(() => PetPhotoInspector.Inspect(content));

        Assert.True(refused.Message.StartsWith("content: starts like a PNG image but is not a well-formed one: " + reason, StringComparison.Ordinal), why + ": " + refused.Message);
    }

    public static TheoryData<string, byte[], string> BrokenJpegs()
    {
        var jpeg = TestImages.Jpeg();
        return new()
        {
            { "markers only", [0xFF, 0xD8, 0xFF, 0xD9], "it ends before any image data" },
            { "scan without frame", [0xFF, 0xD8, .. jpeg[39..]], "its scan starts before a frame header" },
            { "no end-of-image", jpeg[..^2], "it is truncated before its end-of-image marker" },
            { "segment overrun", [0xFF, 0xD8, 0xFF, 0xE1, 0x40, 0x00, 0x01], "segment 0xE1 at byte 2 claims 16384 bytes" },
            { "garbage after a segment", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34], "byte 8 is not a marker" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenJpegs))]
    public void Inspect_MalformedJpeg_IsRefusedSayingWhy(string why, byte[] content, string reason)
    {
        var refused = Assert.Throws<ValidationException>(() => PetPhotoInspector.Inspect(content));

        Assert.True(refused.Message.StartsWith("content: starts like a JPEG image but is not a well-formed one: " + reason, StringComparison.Ordinal), why + ": " + refused.Message);
    }

    [Fact]
    public void Inspect_PngWithUnknownCriticalChunk_IsRefused()
    {
        var png = TestImages.Png();
        var iend = png.Length - 12;
        byte[] unknown = [0, 0, 0, 0, (byte)'Z', (byte)'Z', (byte)'Z', (byte)'Z', 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(unknown.AsSpan(8), Crc32.Compute(unknown.AsSpan(4, 4)));

        var refused = Assert.Throws<ValidationException>(() => PetPhotoInspector.Inspect([.. png[..iend], .. unknown, .. png[iend..]]));

        Assert.EndsWith("it has an unknown critical chunk ZZZZ.", refused.Message, StringComparison.Ordinal);
    }

    // The PNG with its IHDR data changed and the chunk's CRC recomputed.
    private static byte[] Rebuild(byte[] png, Action<byte[]> change)
    {
        var copy = png.ToArray();
        var header = copy[16..29];
        change(header);
        header.CopyTo(copy, 16);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), Crc32.Compute(copy.AsSpan(12, 17)));
        return copy;
    }
}
