using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Internal.Protocol;
using VetActors.Rpc.Internal.Server.Web;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// The checks made before a call starts, as grpc-dotnet makes them: the content-type must be gRPC (HTTP 415
/// otherwise) or gRPC-Web where gRPC-Web is enabled, and plain gRPC needs HTTP/2 (HTTP 426 otherwise).
/// </summary>
internal static class GrpcRequestValidator
{
    public static bool TryGetMode(HttpContext httpContext, ILogger logger, out GrpcWebMode mode)
    {
        var request = httpContext.Request;
        var contentType = request.ContentType;
        if (IsContentType(contentType, GrpcProtocolConstants.ContentType))
        {
            mode = GrpcWebMode.None;
            if (HttpProtocol.IsHttp2(request.Protocol) || HttpProtocol.IsHttp3(request.Protocol))
            {
                return true;
            }
            ServerLog.UnsupportedProtocol(logger, request.Protocol);
            WriteHttpError(httpContext.Response, StatusCodes.Status426UpgradeRequired, StatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported.");
            httpContext.Response.Headers.Upgrade = "HTTP/2";
            return false;
        }
        if (httpContext.Features.Get<GrpcWebFeature>() is not null)
        {
            if (IsContentType(contentType, GrpcProtocolConstants.GrpcWebContentType))
            {
                mode = GrpcWebMode.Binary;
                return true;
            }
            if (IsContentType(contentType, GrpcProtocolConstants.GrpcWebTextContentType))
            {
                mode = GrpcWebMode.Text;
                return true;
            }
        }
        mode = GrpcWebMode.None;
        ServerLog.UnsupportedContentType(logger, contentType);
        WriteHttpError(httpContext.Response, StatusCodes.Status415UnsupportedMediaType, StatusCode.Internal, $"Content-Type '{contentType}' is not supported.");
        return false;
    }

    /// <summary>True for <paramref name="expected"/> alone or followed by <c>+subtype</c> or <c>;parameters</c>.</summary>
    public static bool IsContentType(string? contentType, string expected)
    {
        if (contentType is null || !contentType.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return contentType.Length == expected.Length || contentType[expected.Length] is '+' or ';';
    }

    private static void WriteHttpError(HttpResponse response, int httpStatusCode, StatusCode grpcStatusCode, string message)
    {
        response.StatusCode = httpStatusCode;
        response.Headers.GrpcStatus = ((int)grpcStatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.GrpcMessage = PercentEncoding.Encode(message);
    }
}
