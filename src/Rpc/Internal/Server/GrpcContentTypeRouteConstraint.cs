using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// The parameter policy of the UNIMPLEMENTED catch-all routes. At request time it lets them match gRPC and
/// gRPC-Web requests only. When the route table is built it keeps them off the literal segments of mapped
/// services and methods (<see cref="IParameterLiteralNodeMatchingPolicy"/>), so a call to a known method has
/// a single routing candidate and takes endpoint routing's allocation-free path.
/// </summary>
internal sealed class GrpcContentTypeRouteConstraint(Func<string, bool> isKnownLiteral) : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
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

    public bool MatchesLiteral(string parameterName, string literal) => !isKnownLiteral(literal);
}
