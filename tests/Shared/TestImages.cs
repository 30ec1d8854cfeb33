using System.Buffers.Binary;
using System.IO.Compression;

namespace VetActors.Tests.Shared;

/// <summary>
/// Images built byte by byte for upload tests: a valid PNG (real zlib pixel data, real chunk CRCs), padded to an
/// exact size when asked, and a JPEG with a well-formed segment structure.
/// </summary>
internal static class TestImages
{
    /// <summary>A <paramref name="width"/>x<paramref name="height"/> RGB PNG; <paramref name="totalBytes"/> pads it with an ancillary chunk.</summary>
    public static byte[] Png(int width = 4, int height = 3, int? totalBytes = null)
    {
        var rows = new byte[height * ((width * 3) + 1)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = i % ((width * 3) + 1) == 0 ? (byte)0 : (byte)(i * 7);
        }

        using var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(rows);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", zlib.ToArray());
        if (totalBytes is { } total)
        {
            // A private ancillary chunk ("vaPd") that decoders skip; 12 bytes of chunk framing plus IEND's 12.
            Chunk(png, "vaPd", new byte[total - (int)png.Length - 24]);
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A baseline JPEG's segments (SOI, APP0, SOF0, SOS, scan data with a stuffed 0xFF, EOI) for a <paramref name="width"/>x<paramref name="height"/> frame.</summary>
    public static byte[] Jpeg(int width = 640, int height = 480)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        jpeg.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        jpeg.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
            0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]);
        jpeg.Write([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typed));
        png.Write(word);
    }

    // Bit by bit, independent of the table-driven CRC the server checks with.
    private static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
