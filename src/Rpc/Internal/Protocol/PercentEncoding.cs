using System.Buffers;
using System.Text;

namespace VetActors.Rpc.Internal.Protocol;

/// <summary>
/// The percent-encoding of <c>grpc-message</c> (PROTOCOL-HTTP2.md): the UTF-8 bytes of the message,
/// with 0x20-0x7E except '%' sent as they are and every other byte as <c>%XX</c> (uppercase hex).
/// Decoding is lenient: it never fails, and a malformed escape is passed through as text.
/// </summary>
internal static class PercentEncoding
{
    private const int StackLimit = 256;

    public static string Encode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var plain = true;
        foreach (var c in message)
        {
            if (!IsUnreserved(c))
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            return message;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(message.Length);
        byte[]? rented = null;
        var utf8 = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var count = Encoding.UTF8.GetBytes(message, utf8);
            var length = 0;
            foreach (var b in utf8[..count])
            {
                length += IsUnreserved((char)b) ? 1 : 3;
            }
            return string.Create(length, (rented, count, message), static (chars, state) =>
            {
                // The UTF-8 bytes are encoded again here rather than captured: a stackalloc'd span cannot cross the delegate.
                Span<byte> local = state.rented is null ? stackalloc byte[StackLimit] : state.rented;
                Encoding.UTF8.GetBytes(state.message, local);
                var position = 0;
                foreach (var b in local[..state.count])
                {
                    if (IsUnreserved((char)b))
                    {
                        chars[position++] = (char)b;
                    }
                    else
                    {
                        chars[position++] = '%';
                        chars[position++] = HexDigit(b >> 4);
                        chars[position++] = HexDigit(b & 0xF);
                    }
                }
            });
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        // Each char contributes at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 chars).
        var maxBytes = value.Length * 3;
        byte[]? rented = null;
        var bytes = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var count = 0;
            var i = 0;
            while (i < value.Length)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
                {
                    bytes[count++] = (byte)((high << 4) | low);
                    i += 3;
                    continue;
                }
                // Not an escape (or a malformed one): keep the text as it came, as UTF-8.
                var charCount = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                count += Encoding.UTF8.GetBytes(value.AsSpan(i, charCount), bytes[count..]);
                i += charCount;
            }
            // Invalid UTF-8 decodes to replacement characters rather than failing.
            return Encoding.UTF8.GetString(bytes[..count]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsUnreserved(char c) => c is >= ' ' and <= '~' and not '%';

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
