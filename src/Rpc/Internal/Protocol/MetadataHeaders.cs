using System.Buffers;
using Grpc.Core;

namespace VetActors.Rpc.Internal.Protocol;

/// <summary>
/// Maps <see cref="Metadata"/> entries to HTTP header values and back. Binary (<c>-bin</c>) values are
/// base64, sent unpadded; received values may be padded or not, and several values may arrive joined by
/// commas (PROTOCOL-HTTP2.md). Transport and reserved headers never become metadata.
/// </summary>
internal static class MetadataHeaders
{
    private const int StackLimit = 512;

    /// <summary>
    /// True for request headers the transport owns, which grpc-dotnet leaves out of
    /// <c>ServerCallContext.RequestHeaders</c>: pseudo-headers, content-type, te, host, the encodings,
    /// the timeout and accept-encoding.
    /// </summary>
    public static bool IsReservedRequestHeader(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.Equals(GrpcProtocolConstants.ContentTypeHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.TeHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.HostHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.EncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.TimeoutHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.ContentEncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.AcceptEncodingHttpHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True for response headers and trailers that carry the call's status or framing rather than
    /// metadata (what a client leaves out of <c>ResponseHeadersAsync</c> and <c>GetTrailers()</c>).
    /// </summary>
    public static bool IsReservedResponseHeader(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.Equals(GrpcProtocolConstants.ContentTypeHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.StatusHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.MessageHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="key"/> may be sent as metadata: lowercase <c>0-9 a-z _ - .</c>.</summary>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return false;
        }
        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Adds the entries one received header holds. Binary values are split on commas and base64-decoded;
    /// a header with an invalid name or an undecodable binary value is skipped (it cannot be metadata).
    /// </summary>
    public static void AddEntries(Metadata metadata, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var key = IsValidKey(name) ? name : name.ToLowerInvariant();
        if (!IsValidKey(key))
        {
            return;
        }
        if (!Metadata.Entry.HasBinarySuffix(key))
        {
            metadata.Add(new Metadata.Entry(key, value, null));
            return;
        }
        var remaining = value.AsSpan();
        while (true)
        {
            var comma = remaining.IndexOf(',');
            var part = (comma < 0 ? remaining : remaining[..comma]).Trim(' ');
            if (TryDecodeBase64(part, out var bytes))
            {
                metadata.Add(new Metadata.Entry(key, null, bytes));
            }
            if (comma < 0)
            {
                break;
            }
            remaining = remaining[(comma + 1)..];
        }
    }

    /// <summary>The header value for an entry: the ASCII value, or unpadded base64 for a binary entry.</summary>
    public static string FormatValue(Metadata.Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.RawValueBytes is { } bytes ? EncodeBase64Unpadded(bytes) : entry.RawValue!;
    }

    public static string EncodeBase64Unpadded(ReadOnlySpan<byte> bytes)
    {
        var length = ((bytes.Length + 2) / 3) * 4;
        char[]? rented = null;
        var chars = length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            Convert.TryToBase64Chars(bytes, chars, out var written);
            while (written > 0 && chars[written - 1] == '=')
            {
                written--;
            }
            return new string(chars[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes standard base64 with or without padding.</summary>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty)
        {
            return true;
        }
        var padded = (text.Length + 3) / 4 * 4;
        if (padded - text.Length == 3)
        {
            // One leftover character carries fewer than 8 bits: not base64 at all.
            return false;
        }
        char[]? rented = null;
        var chars = padded <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(padded));
        try
        {
            text.CopyTo(chars);
            chars[text.Length..padded].Fill('=');
            var buffer = new byte[padded / 4 * 3];
            if (!Convert.TryFromBase64Chars(chars[..padded], buffer, out var written))
            {
                return false;
            }
            bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
