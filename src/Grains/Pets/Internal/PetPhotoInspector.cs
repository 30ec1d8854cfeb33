using System.Buffers.Binary;
using VetActors.Grains.Common;

namespace VetActors.Grains.Pets.Internal;

/// <summary>
/// Decides whether uploaded bytes are a photo the portal keeps: a JPEG or PNG of at most <see cref="MaxBytes"/>,
/// recognised by its signature and walked through its structure (PNG chunks with their CRCs; JPEG segments up to
/// the end-of-image marker), so that a file merely named .png, or cut short, is refused. Pixels are not decoded.
/// </summary>
internal static class PetPhotoInspector
{
    /// <summary>10 MiB, the portal's limit for a pet photo.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    private const string Field = "content";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type and dimensions the bytes prove; <see cref="ValidationException"/> saying why otherwise.</summary>
    public static (string ContentType, int Width, int Height) Inspect(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            throw Invalid("is empty: send a JPEG or PNG image.");
        }

        if (content.Length > MaxBytes)
        {
            throw Invalid($"is {content.Length} bytes; a photo may be at most 10 MiB ({MaxBytes} bytes).");
        }

        if (content.StartsWith(PngSignature))
        {
            var (width, height) = InspectPng(content);
            return ("image/png", width, height);
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            var (width, height) = InspectJpeg(content);
            return ("image/jpeg", width, height);
        }

        throw Invalid($"is not a JPEG or PNG image ({Describe(content)}); the type is decided by the content, not the file name.");
    }

    private static (int Width, int Height) InspectPng(ReadOnlySpan<byte> content)
    {
        var position = PngSignature.Length;
        int width = 0, height = 0;
        var colourType = -1;
        bool palette = false, imageData = false;
        while (true)
        {
            if (content.Length - position < 12)
            {
                throw BadPng(position == PngSignature.Length ? "it ends after its signature" : "it is truncated before its IEND chunk");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(content[position..]);
            var type = content.Slice(position + 4, 4);
            foreach (var c in type)
            {
                if (!char.IsAsciiLetter((char)c))
                {
                    throw BadPng($"the chunk at byte {position} has an invalid type");
                }
            }

            var name = System.Text.Encoding.ASCII.GetString(type);
            if (length > int.MaxValue || length > (uint)(content.Length - position - 12))
            {
                throw BadPng($"its {name} chunk at byte {position} claims {length} bytes, more than the {content.Length - position - 12} left (the file is cut short)");
            }

            var data = content.Slice(position + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(content[(position + 8 + (int)length)..]);
            if (Crc32.Compute(content.Slice(position + 4, 4 + (int)length)) != crc)
            {
                throw BadPng($"the CRC of its {name} chunk does not match");
            }

            if (position == PngSignature.Length)
            {
                if (name != "IHDR" || length != 13)
                {
                    throw BadPng("its first chunk is not a 13-byte IHDR header");
                }

                (width, height, colourType) = ReadPngHeader(data);
            }
            else if (name == "IHDR")
            {
                throw BadPng("it has a second IHDR chunk");
            }

            position += 12 + (int)length;
            switch (name)
            {
                case "PLTE":
                    palette = true;
                    break;
                case "IDAT":
                    imageData = true;
                    break;
                case "IEND":
                    if (!imageData)
                    {
                        throw BadPng("it has no image data (IDAT chunk)");
                    }

                    if (colourType == 3 && !palette)
                    {
                        throw BadPng("its palette image has no PLTE chunk");
                    }

                    if (position != content.Length)
                    {
                        throw BadPng($"{content.Length - position} bytes follow its IEND chunk");
                    }

                    return (width, height);
                default:
                    // A critical chunk (upper-case first letter) a decoder does not know must not be skipped (PNG spec 5.4).
                    if (char.IsAsciiLetterUpper(name[0]) && name != "IHDR")
                    {
                        throw BadPng($"it has an unknown critical chunk {name}");
                    }

                    break;
            }
        }
    }

    private static (int Width, int Height, int ColourType) ReadPngHeader(ReadOnlySpan<byte> header)
    {
        var width = BinaryPrimitives.ReadUInt32BigEndian(header);
        var height = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw BadPng($"its header gives an invalid size {width}x{height}");
        }

        var (depth, colour) = (header[8], header[9]);
        var valid = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid || header[10] != 0 || header[11] != 0 || header[12] > 1)
        {
            throw BadPng($"its header has an invalid format (bit depth {depth}, colour type {colour}, compression {header[10]}, filter {header[11]}, interlace {header[12]})");
        }

        return ((int)width, (int)height, colour);
    }

    private static (int Width, int Height) InspectJpeg(ReadOnlySpan<byte> content)
    {
        var position = 2;
        int width = 0, height = 0;
        var frame = false;
        while (true)
        {
            if (position >= content.Length || content[position] != 0xFF)
            {
                throw BadJpeg(position >= content.Length ? "it is truncated before its end-of-image marker" : $"byte {position} is not a marker");
            }

            // Any number of 0xFF fill bytes may precede a marker (ITU T.81, B.1.1.2).
            while (position < content.Length && content[position] == 0xFF)
            {
                position++;
            }

            if (position >= content.Length)
            {
                throw BadJpeg("it is truncated before its end-of-image marker");
            }

            var marker = content[position++];
            if (marker == 0xD9)
            {
                throw BadJpeg("it ends before any image data");
            }

            if (marker is 0x00 or 0xD8 || marker is >= 0xD0 and <= 0xD7)
            {
                throw BadJpeg($"marker 0x{marker:X2} is out of place at byte {position - 1}");
            }

            if (content.Length - position < 2)
            {
                throw BadJpeg("it is truncated inside a segment header");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[position..]);
            if (length < 2 || length > content.Length - position)
            {
                throw BadJpeg($"segment 0x{marker:X2} at byte {position - 2} claims {length} bytes, more than the file holds");
            }

            var segment = content.Slice(position + 2, length - 2);
            position += length;
            if (IsStartOfFrame(marker))
            {
                if (segment.Length < 6)
                {
                    throw BadJpeg("its frame header is too short");
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                if (width == 0 || height == 0 || segment[5] is 0 or > 4)
                {
                    throw BadJpeg($"its frame header gives an invalid size {width}x{height} or component count {segment[5]}");
                }

                frame = true;
            }
            else if (marker == 0xDA)
            {
                if (!frame)
                {
                    throw BadJpeg("its scan starts before a frame header");
                }

                position = SkipEntropyCodedData(content, position);
                if (content[position + 1] == 0xD9)
                {
                    // Bytes after the end-of-image marker are allowed: phone cameras append motion-photo video there.
                    return (width, height);
                }
            }
        }
    }

    /// <summary>The position of the marker that ends a scan's data (its 0xFF byte).</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> content, int position)
    {
        for (var i = position; i < content.Length - 1; i++)
        {
            // Inside scan data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything else ends it.
            if (content[i] == 0xFF && content[i + 1] != 0x00 && content[i + 1] != 0xFF && content[i + 1] is not (>= 0xD0 and <= 0xD7))
            {
                return i;
            }
        }

        throw BadJpeg("it is truncated before its end-of-image marker");
    }

    private static bool IsStartOfFrame(byte marker) =>
        marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);

    private static string Describe(ReadOnlySpan<byte> content) =>
        content.StartsWith("GIF8"u8) ? "it is a GIF image"
        : content.StartsWith("%PDF-"u8) ? "it is a PDF document"
        : content.StartsWith("BM"u8) ? "it looks like a BMP image"
        : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "it is a WebP image"
        : content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8) ? "it is an ISO media file such as HEIC"
        : "its first bytes match neither signature";

    private static ValidationException Invalid(string description) => new(Field, description);

    private static ValidationException BadPng(string reason) => Invalid($"starts like a PNG image but is not a well-formed one: {reason}.");

    private static ValidationException BadJpeg(string reason) => Invalid($"starts like a JPEG image but is not a well-formed one: {reason}.");
}
