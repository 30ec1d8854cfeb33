using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>Answers a call to an unknown service or method: Trailers-Only with UNIMPLEMENTED.</summary>
internal sealed class UnimplementedCallHandler(ILogger logger, string message)
{
    public Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcRequestValidator.TryGetMode(httpContext, logger, out var mode))
        {
            return Task.CompletedTask;
        }
        WriteUnimplemented(httpContext, mode, message);
        return Task.CompletedTask;
    }

    public static void WriteUnimplemented(HttpContext httpContext, GrpcWebMode mode, string message)
    {
        var response = httpContext.Response;
        response.ContentType = mode switch
        {
            GrpcWebMode.Binary => GrpcProtocolConstants.GrpcWebContentType,
            GrpcWebMode.Text => GrpcProtocolConstants.GrpcWebTextContentType,
            _ => GrpcProtocolConstants.ContentType,
        };
        response.Headers.GrpcStatus = "12";
        response.Headers.GrpcMessage = PercentEncoding.Encode(message);
    }
}
