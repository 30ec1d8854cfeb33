using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>Lets the UNIMPLEMENTED catch-all routes match gRPC and gRPC-Web requests only, never other traffic.</summary>
internal sealed class GrpcContentTypeRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (httpContext is null)
        {
            return false;
        }
        var contentType = httpContext.Request.ContentType;
        return GrpcRequestValidator.IsContentType(contentType, GrpcProtocolConstants.ContentType)
            || GrpcRequestValidator.IsContentType(contentType, GrpcProtocolConstants.GrpcWebContentType)
            || GrpcRequestValidator.IsContentType(contentType, GrpcProtocolConstants.GrpcWebTextContentType);
    }
}
