using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace VetActors.GrpcApi.Security.Internal;

/// <summary>
/// The one authorization layer: before any handler runs it finds the RPC's <see cref="AllowAttribute"/>,
/// authenticates the bearer credential and attaches the <see cref="Principal"/> to the call. UNAUTHENTICATED for
/// missing, malformed, expired or revoked credentials; PERMISSION_DENIED for a known caller without the right, and
/// for an RPC that declares no rule at all.
/// </summary>
internal sealed partial class AuthorizationInterceptor(ApiCatalog catalog, Authenticator authenticator, ILogger<AuthorizationInterceptor> logger)
    : Interceptor
{
    public const string AuthorizationHeader = "authorization";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    /// <summary>Authenticates and authorizes the call, attaching the principal; throws the refusal otherwise.</summary>
    public async Task<Principal> AuthorizeAsync(ServerCallContext context)
    {
        var rule = catalog.FindRule(context.Method);
        if (rule is null)
        {
            LogUndeclared(logger, context.Method);
            throw new RpcException(new Status(StatusCode.PermissionDenied, "This call is not open to any caller."));
        }

        var principal = await authenticator.AuthenticateAsync(context.RequestHeaders.GetValue(AuthorizationHeader));
        if (principal is null)
        {
            LogBadCredential(logger, context.Method);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "The credentials are missing, not valid, expired or revoked."));
        }

        if (!rule.Allows(principal))
        {
            if (principal.Kind == Callers.Anonymous)
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "This call needs credentials: authorization: Bearer <token>."));
            }

            LogDenied(logger, context.Method, principal.Kind);
            throw new RpcException(new Status(StatusCode.PermissionDenied, "The caller may not make this call."));
        }

        context.SetPrincipal(principal);
        return principal;
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Error, Message = "RPC {Method} declares no [Allow] rule and was refused")]
    private static partial void LogUndeclared(ILogger logger, string method);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "RPC {Method} refused: credentials not valid")]
    private static partial void LogBadCredential(ILogger logger, string method);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "RPC {Method} refused for a {Caller}")]
    private static partial void LogDenied(ILogger logger, string method, Callers caller);
}
