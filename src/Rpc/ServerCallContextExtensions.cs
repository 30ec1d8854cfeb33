using Grpc.Core;
using Microsoft.AspNetCore.Http;
using VetActors.Rpc.Internal.Server;

namespace VetActors.Rpc;

/// <summary>Access to the ASP.NET Core request behind a server call.</summary>
public static class ServerCallContextExtensions
{
    /// <summary>
    /// The <see cref="HttpContext"/> of the call. Like the context itself it is valid only until the
    /// handler's task completes.
    /// </summary>
    public static HttpContext GetHttpContext(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is GrpcServerCallContext call && call.HttpContext is { } httpContext
            ? httpContext
            : throw new InvalidOperationException("The call context does not belong to a gRPC call served by this server.");
    }
}
