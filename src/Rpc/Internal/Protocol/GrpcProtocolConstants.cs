namespace VetActors.Rpc.Internal.Protocol;

/// <summary>
/// Names and values fixed by the gRPC over HTTP/2 specification (doc/PROTOCOL-HTTP2.md) and its
/// gRPC-Web variant (doc/PROTOCOL-WEB.md), shared by the server and the client.
/// </summary>
internal static class GrpcProtocolConstants
{
    public const string ContentType = "application/grpc";
    public const string ProtoContentType = "application/grpc+proto";
    public const string GrpcWebContentType = "application/grpc-web";
    public const string GrpcWebProtoContentType = "application/grpc-web+proto";
    public const string GrpcWebTextContentType = "application/grpc-web-text";
    public const string GrpcWebTextProtoContentType = "application/grpc-web-text+proto";

    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TimeoutHeader = "grpc-timeout";
    public const string MessageTypeHeader = "grpc-message-type";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string ContentTypeHeader = "content-type";
    public const string ContentEncodingHeader = "content-encoding";
    public const string AcceptEncodingHttpHeader = "accept-encoding";
    public const string UserAgentHeader = "user-agent";
    public const string HostHeader = "host";

    /// <summary>
    /// A response-header entry a handler adds to ask for compressed responses; the server replaces it by
    /// <c>grpc-encoding</c> (grpc-dotnet's convention, used by the interop test service).
    /// </summary>
    public const string CompressionRequestHeader = "grpc-internal-encoding-request";

    public const string IdentityEncoding = "identity";
    public const string GzipEncoding = "gzip";
    public const string DeflateEncoding = "deflate";

    /// <summary>Compressed-flag (1 byte) plus big-endian length (4 bytes) before every message.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>Flag bit of a gRPC-Web frame that carries the trailers instead of a message.</summary>
    public const byte GrpcWebTrailersFlag = 0x80;

    /// <summary>Default receive limit of grpc-dotnet and C-core: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>The largest number <c>grpc-timeout</c> may carry: 8 ASCII digits.</summary>
    public const long MaxTimeoutValue = 99_999_999;
}
