using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>, named as in Grpc.Net.Client.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The largest message the channel accepts, in bytes (default 4 MiB, the gRPC default);
    /// <c>null</c> for no limit. A larger message fails the call with RESOURCE_EXHAUSTED.
    /// </summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcChannel.DefaultMaxReceiveMessageSize;

    /// <summary>The largest message the channel sends, in bytes; <c>null</c> (the default) for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Message encodings the channel can use (default gzip and deflate). A call compresses its requests
    /// when its headers hold <c>grpc-internal-encoding-request</c> naming one of them.
    /// </summary>
    public IList<ICompressionProvider>? CompressionProviders { get; set; }

    /// <summary>
    /// Transport security, and call credentials every call carries. When <c>null</c> the address's
    /// scheme decides: h2c for <c>http</c>, TLS for <c>https</c>.
    /// </summary>
    public ChannelCredentials? Credentials { get; set; }

    /// <summary>Sends call credentials over an insecure channel (only for trusted networks and tests).</summary>
    public bool UnsafeUseInsecureChannelCallCredentials { get; set; }

    /// <summary>The handler calls are sent through; by default the channel creates its own.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The client calls are sent through; wins over <see cref="HttpHandler"/>.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Disposes <see cref="HttpClient"/> or <see cref="HttpHandler"/> with the channel (a handler the channel creates is always disposed).</summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>Logs call start, end and failures.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// A call cancelled through its <see cref="CallOptions.CancellationToken"/> throws
    /// <see cref="OperationCanceledException"/> instead of an <see cref="RpcException"/> with CANCELLED.
    /// </summary>
    public bool ThrowOperationCanceledOnCancellation { get; set; }

    /// <summary>The clock deadlines are measured against (default: the system clock).</summary>
    public TimeProvider? TimeProvider { get; set; }
}
