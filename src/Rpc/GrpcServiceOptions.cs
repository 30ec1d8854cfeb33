using System.IO.Compression;

namespace VetActors.Rpc;

/// <summary>
/// Options for every gRPC service of the server (<c>services.AddGrpc(options =&gt; ...)</c>), or for one
/// service when used as <see cref="GrpcServiceOptions{TService}"/>. Defaults are set by the server's
/// options setup (see the property comments for where each comes from).
/// </summary>
public class GrpcServiceOptions
{
    private int? _maxReceiveMessageSize;

    /// <summary>
    /// The largest message, in bytes, the server accepts; larger ones fail the call with RESOURCE_EXHAUSTED
    /// before they are buffered. <c>null</c> means no limit. Default 4 MiB.
    /// </summary>
    public int? MaxReceiveMessageSize
    {
        get => _maxReceiveMessageSize;
        set
        {
            _maxReceiveMessageSize = value;
            MaxReceiveMessageSizeSpecified = true;
        }
    }

    /// <summary>The largest message, in bytes, the server sends; <c>null</c> (the default) means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>When true, an exception thrown by a handler is described in the status message. Default false.</summary>
    public bool? EnableDetailedErrors { get; set; }

    /// <summary>The message encodings the server can decode and encode. Default gzip and deflate.</summary>
    public IList<ICompressionProvider> CompressionProviders { get; set; } = [];

    /// <summary>The encoding used for responses when the client accepts it; <c>null</c> (default) sends them uncompressed.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>The compression level for responses; <c>null</c> uses the provider's default.</summary>
    public CompressionLevel? ResponseCompressionLevel { get; set; }

    /// <summary>Server interceptors, applied in order (the first sees each call first).</summary>
    public InterceptorCollection Interceptors { get; } = [];

    /// <summary>When true, calls to services that are not mapped fall through to the rest of the app instead of UNIMPLEMENTED.</summary>
    public bool IgnoreUnknownServices { get; set; }

    internal bool MaxReceiveMessageSizeSpecified { get; private set; }

    internal void SetDefaultMaxReceiveMessageSize(int? value) => _maxReceiveMessageSize = value;
}
