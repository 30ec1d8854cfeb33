namespace Grpc.Core;

/// <summary>What a server handler knows about, and can do to, the call it serves.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>Sends the response headers now (otherwise they go with the first message or the status).</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => WriteResponseHeadersAsyncCore(responseHeaders);

    /// <summary>A token that carries this call's deadline and cancellation into calls the handler makes.</summary>
    public ContextPropagationToken CreatePropagationToken(ContextPropagationOptions? options = null) => CreatePropagationTokenCore(options);

    /// <summary>The method's full name, <c>/package.Service/Method</c>.</summary>
    public string Method => MethodCore;

    /// <summary>The <c>:authority</c> the client called.</summary>
    public string Host => HostCore;

    /// <summary>The peer's address, e.g. <c>ipv4:127.0.0.1:53412</c>.</summary>
    public string Peer => PeerCore;

    /// <summary>The call's deadline in UTC; <see cref="DateTime.MaxValue"/> when there is none.</summary>
    public DateTime Deadline => DeadlineCore;

    /// <summary>The request's custom metadata (transport headers left out).</summary>
    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Cancelled when the client cancels, the deadline passes, or the connection is lost.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    /// <summary>Trailers sent with the status.</summary>
    public Metadata ResponseTrailers => ResponseTrailersCore;

    /// <summary>The status sent when the handler returns normally.</summary>
    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    /// <summary>Default options for the response stream's writes.</summary>
    public WriteOptions? WriteOptions
    {
        get => WriteOptionsCore;
        set => WriteOptionsCore = value;
    }

    public AuthContext AuthContext => AuthContextCore;

    /// <summary>A bag for interceptors and handlers to share per-call state.</summary>
    public IDictionary<object, object> UserState => UserStateCore;

    protected abstract Task WriteResponseHeadersAsyncCore(Metadata responseHeaders);

    protected abstract ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options);

    protected abstract string MethodCore { get; }

    protected abstract string HostCore { get; }

    protected abstract string PeerCore { get; }

    protected abstract DateTime DeadlineCore { get; }

    protected abstract Metadata RequestHeadersCore { get; }

    protected abstract CancellationToken CancellationTokenCore { get; }

    protected abstract Metadata ResponseTrailersCore { get; }

    protected abstract Status StatusCore { get; set; }

    protected abstract WriteOptions? WriteOptionsCore { get; set; }

    protected abstract AuthContext AuthContextCore { get; }

    protected virtual IDictionary<object, object> UserStateCore => _userState ??= [];
}
