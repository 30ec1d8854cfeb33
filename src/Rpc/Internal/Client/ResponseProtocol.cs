using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Client;

/// <summary>Reads a call's outcome from HTTP response headers and trailers, and maps transport failures to codes.</summary>
internal static class ResponseProtocol
{
    /// <summary>The status in <c>grpc-status</c>/<c>grpc-message</c>, or <c>null</c> when the headers hold none.</summary>
    public static Status? GetStatus(HttpHeaders headers)
    {
        var values = headers.NonValidated;
        if (!values.TryGetValues(GrpcProtocolConstants.StatusHeader, out var statusValues))
        {
            return null;
        }
        var text = statusValues.ToString();
        string message = values.TryGetValues(GrpcProtocolConstants.MessageHeader, out var messageValues)
            ? PercentEncoding.Decode(messageValues.ToString())
            : "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{text}'. {message}".TrimEnd());
        }
        return new Status((StatusCode)code, message);
    }

    /// <summary>The single value of a header, or <c>null</c>.</summary>
    public static string? GetValue(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    /// <summary>The custom metadata among the headers (status and transport headers left out).</summary>
    public static Metadata GetMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (MetadataHeaders.IsReservedResponseHeader(header.Key))
            {
                continue;
            }
            foreach (var value in header.Value)
            {
                MetadataHeaders.AddEntries(metadata, header.Key, value);
            }
        }
        return metadata;
    }

    /// <summary>
    /// The status for a response without <c>grpc-status</c>, from its HTTP status
    /// (doc/http-grpc-status-mapping.md; only a client ever applies this table).
    /// </summary>
    public static Status FromHttpStatus(HttpStatusCode httpStatus)
    {
        var code = (int)httpStatus switch
        {
            400 => StatusCode.Internal,
            401 => StatusCode.Unauthenticated,
            403 => StatusCode.PermissionDenied,
            404 => StatusCode.Unimplemented,
            429 or 502 or 503 or 504 => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new Status(code, $"Bad gRPC response. HTTP status code: {(int)httpStatus}");
    }

    /// <summary>The status for a stream reset with an HTTP/2 error code (the RST_STREAM table of PROTOCOL-HTTP2.md).</summary>
    public static Status FromHttp2ErrorCode(long errorCode, Exception exception)
    {
        var code = errorCode switch
        {
            0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: not processed, safe to retry
            0x8 => StatusCode.Cancelled,          // CANCEL
            0xb => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
            0xc => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
            _ => StatusCode.Internal,             // NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, ...
        };
        return new Status(code, $"Error reading from the server: the stream was reset with HTTP/2 error code 0x{errorCode:x} ({exception.Message})", exception);
    }

    /// <summary>The HTTP/2 error code behind a transport exception, if it carries one.</summary>
    public static HttpProtocolException? FindProtocolException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocol)
            {
                return protocol;
            }
        }
        return null;
    }
}
