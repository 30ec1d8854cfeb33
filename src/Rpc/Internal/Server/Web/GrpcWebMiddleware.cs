using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server.Web;

/// <summary>
/// Marks gRPC-Web requests whose endpoint accepts gRPC-Web; the call handlers then frame the call as
/// gRPC-Web (status in a trailers frame, base64 for the text variant). It runs after routing so it can read
/// the endpoint's metadata.
/// </summary>
internal sealed class GrpcWebMiddleware(GrpcWebOptions options)
{
    public Task InvokeAsync(HttpContext httpContext, RequestDelegate next)
    {
        var contentType = httpContext.Request.ContentType;
        if ((GrpcRequestValidator.IsContentType(contentType, GrpcProtocolConstants.GrpcWebContentType)
                || GrpcRequestValidator.IsContentType(contentType, GrpcProtocolConstants.GrpcWebTextContentType))
            && IsEnabled(httpContext))
        {
            httpContext.Features.Set(GrpcWebFeature.Instance);
        }
        return next(httpContext);
    }

    private bool IsEnabled(HttpContext httpContext)
    {
        var endpoint = httpContext.GetEndpoint();
        if (endpoint is null)
        {
            return false;
        }
        return endpoint.Metadata.GetMetadata<GrpcWebEnabledMetadata>()?.IsEnabled ?? options.DefaultEnabled;
    }
}
