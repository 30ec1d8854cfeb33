using Grpc.Core;
using VetActors.GrpcApi.Security;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>
/// A <see cref="ServerCallContext"/> for calling service classes directly, without the network: it carries a
/// principal (as the authorization layer would attach it) or an <c>authorization</c> header for the interceptors.
/// </summary>
public sealed class TestServerCallContext : ServerCallContext
{
    private readonly Metadata _requestHeaders;
    private readonly CancellationToken _cancellationToken;
    private Status _status;

    public TestServerCallContext(string method = "/test.Service/Method", Metadata? requestHeaders = null, CancellationToken cancellationToken = default)
    {
        MethodName = method;
        _requestHeaders = requestHeaders ?? [];
        _cancellationToken = cancellationToken;
    }

    /// <summary>A context whose caller is already <paramref name="principal"/>, for calling a service method directly.</summary>
    public static TestServerCallContext For(Principal principal, string method = "/test.Service/Method")
    {
        var context = new TestServerCallContext(method);
        context.SetPrincipal(principal);
        return context;
    }

    /// <summary>A context that presents <paramref name="token"/> as <c>authorization: Bearer ...</c> (none when null).</summary>
    public static TestServerCallContext WithToken(string? token, string method = "/test.Service/Method", CancellationToken cancellationToken = default)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new TestServerCallContext(method, headers, cancellationToken);
    }

    public string MethodName { get; }

    public Metadata ResponseTrailersSent { get; } = [];

    protected override string MethodCore => MethodName;

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:50000";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => _requestHeaders;

    protected override CancellationToken CancellationTokenCore => _cancellationToken;

    protected override Metadata ResponseTrailersCore => ResponseTrailersSent;

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("Test calls do not propagate.");
}
