using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using VetActors.Rpc.Client;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>
/// Calls over a real channel described by service and method name with the generated messages only, as a client
/// built on another stack would make them; and the invitation token as the emails the end-to-end tests read carry it.
/// </summary>
internal static partial class RawGrpcCalls
{
    /// <summary>A unary call to <paramref name="fullServiceName"/> (e.g. <c>vetactors.portal.v1.Portal</c>), bearer <paramref name="token"/> when given.</summary>
    public static Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcChannel channel, string fullServiceName, string method, TRequest request, string? token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new() =>
        UnaryAsync<TRequest, TResponse>(channel.CreateCallInvoker(), fullServiceName, method, request, token);

    public static async Task<TResponse> UnaryAsync<TRequest, TResponse>(CallInvoker invoker, string fullServiceName, string method, TRequest request, string? token)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new()
    {
        // The deadline is a hang guard; nothing is measured against it.
        using var call = invoker.AsyncUnaryCall(
            Describe<TRequest, TResponse>(MethodType.Unary, fullServiceName, method), null, new CallOptions(Headers(token), DateTime.UtcNow.AddSeconds(60)), request);
        return await call.ResponseAsync;
    }

    public static Method<TRequest, TResponse> Describe<TRequest, TResponse>(MethodType type, string fullServiceName, string method)
        where TRequest : class, IMessage<TRequest>, new() where TResponse : class, IMessage<TResponse>, new() =>
        new(type, fullServiceName, method, Marshaller<TRequest>(), Marshaller<TResponse>());

    public static Metadata Headers(string? token) => token is null ? [] : new Metadata { { "authorization", "Bearer " + token } };

    [GeneratedRegex(@"vi~[A-Za-z0-9._-]+~[A-Za-z0-9_-]+~[A-Za-z0-9_-]+")]
    public static partial Regex InvitationToken();

    private static Marshaller<T> Marshaller<T>() where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create<T>(m => m.ToByteArray(), parser.ParseFrom);
    }
}
