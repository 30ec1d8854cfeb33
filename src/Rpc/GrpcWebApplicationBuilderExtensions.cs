using VetActors.Rpc;
using VetActors.Rpc.Internal.Server.Web;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Turns on gRPC-Web for gRPC endpoints.</summary>
public static class GrpcWebApplicationBuilderExtensions
{
    /// <summary>
    /// Lets gRPC endpoints answer gRPC-Web requests (<c>application/grpc-web</c>, <c>application/grpc-web-text</c>),
    /// over HTTP/1.1 as well as HTTP/2. Call it after routing and before the endpoints.
    /// </summary>
    public static IApplicationBuilder UseGrpcWeb(this IApplicationBuilder builder, GrpcWebOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var middleware = new GrpcWebMiddleware(options ?? new GrpcWebOptions());
        return builder.Use(next => context => middleware.InvokeAsync(context, next));
    }
}
