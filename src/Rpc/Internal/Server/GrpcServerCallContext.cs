using System.IO.Pipelines;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// The <see cref="ServerCallContext"/> of a call served over an <see cref="HttpContext"/>. One instance is
/// kept per Kestrel stream (<see cref="IPersistentStateFeature"/>) and reused by the next call on that
/// pooled stream, so a unary call allocates no context; like the HttpContext it wraps, it must not be
/// used after the handler's task completes.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Pooled per stream: the deadline is disposed by Reset() at the end of every call.")]
internal sealed partial class GrpcServerCallContext : ServerCallContext
{
    private static readonly object PoolKey = new();

    private HttpContext? _httpContext;
    private ServerCallSettings _settings = null!;
    private string _method = "";
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Status _status;
    private WriteOptions? _writeOptions;
    private AuthContext? _authContext;
    private Dictionary<object, object>? _userState;
    private string? _peer;
    private PipeReader? _requestReader;
    private PipeWriter? _responseWriter;

    public HttpContext? HttpContext => _httpContext;

    public ServerCallSettings Settings => _settings;

    public GrpcWebMode WebMode { get; private set; }

    public MessageDeserializationContext DeserializationContext { get; } = new();

    public ResponseSerializationContext SerializationContext { get; } = new();

    /// <summary>The request body as gRPC frames (base64-decoded for gRPC-Web text).</summary>
    public PipeReader RequestReader => _requestReader!;

    /// <summary>Where response frames go (base64-encoded for gRPC-Web text).</summary>
    public PipeWriter ResponseWriter => _responseWriter!;

    public string MethodName => _method;

    /// <summary>Changes when the pooled instance moves on to another call; stream objects a handler kept check it.</summary>
    public int Generation { get; private set; }

    public static GrpcServerCallContext Rent(HttpContext httpContext)
    {
        var state = httpContext.Features.Get<IPersistentStateFeature>()?.State;
        if (state is null)
        {
            return new GrpcServerCallContext();
        }
        if (state.TryGetValue(PoolKey, out var pooled) && pooled is GrpcServerCallContext call)
        {
            return call;
        }
        call = new GrpcServerCallContext();
        state[PoolKey] = call;
        return call;
    }

    public void Initialize(HttpContext httpContext, string method, ServerCallSettings settings, GrpcWebMode webMode)
    {
        _httpContext = httpContext;
        _method = method;
        _settings = settings;
        _status = Status.DefaultSuccess;
        WebMode = webMode;
        var response = httpContext.Response;
        switch (webMode)
        {
            case GrpcWebMode.None:
                _requestReader = httpContext.Request.BodyReader;
                _responseWriter = response.BodyWriter;
                response.ContentType = GrpcProtocolConstants.ContentType;
                break;
            case GrpcWebMode.Binary:
                _requestReader = httpContext.Request.BodyReader;
                _responseWriter = response.BodyWriter;
                response.ContentType = GrpcProtocolConstants.GrpcWebContentType;
                break;
            default:
                _requestReader = new Web.Base64RequestReader(httpContext.Request.BodyReader);
                _responseWriter = new Web.Base64ResponseWriter(response.BodyWriter);
                response.ContentType = GrpcProtocolConstants.GrpcWebTextContentType;
                break;
        }
        InitializeDeadline();
    }

    /// <summary>Drops every reference to the finished call so the pooled instance holds nothing alive.</summary>
    public void Reset()
    {
        Generation++;
        DisposeDeadline();
        if (_requestReader is Web.Base64RequestReader textReader)
        {
            textReader.Complete();
        }
        _httpContext = null;
        _requestHeaders = null;
        _responseTrailers = null;
        _writeOptions = null;
        _authContext = null;
        _userState = null;
        _peer = null;
        _requestReader = null;
        _responseWriter = null;
        _responseHeadersPrepared = false;
        _responseCompression = null;
        _requestedResponseEncoding = null;
        _rejectedRequestEncoding = false;
        _status = default;
        WebMode = GrpcWebMode.None;
    }

    protected override string MethodCore => _method;

    protected override string HostCore => _httpContext!.Request.Host.Value ?? "";

    protected override string PeerCore => _peer ??= FormatPeer(_httpContext!.Connection);

    protected override DateTime DeadlineCore => _deadline?.Deadline ?? DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders(_httpContext!.Request.Headers);

    protected override CancellationToken CancellationTokenCore => _deadline?.Token ?? _httpContext!.RequestAborted;

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    protected override WriteOptions? WriteOptionsCore
    {
        get => _writeOptions;
        set => _writeOptions = value;
    }

    protected override AuthContext AuthContextCore => _authContext ??= AuthContextFactory.Create(_httpContext!.Connection.ClientCertificate);

    protected override IDictionary<object, object> UserStateCore => _userState ??= [];

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        new ServerContextPropagationToken(DeadlineCore, options ?? ContextPropagationOptions.Default, CancellationTokenCore);

    private static Metadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (MetadataHeaders.IsReservedRequestHeader(header.Key))
            {
                continue;
            }
            foreach (var value in header.Value)
            {
                if (value is not null)
                {
                    MetadataHeaders.AddEntries(metadata, header.Key, value);
                }
            }
        }
        return metadata;
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => $"ipv4:{address}:{connection.RemotePort}",
            AddressFamily.InterNetworkV6 => $"ipv6:[{address}]:{connection.RemotePort}",
            _ => $"unknown:{address}:{connection.RemotePort}",
        };
    }
}
