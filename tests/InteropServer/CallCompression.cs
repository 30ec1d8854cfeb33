using Grpc.Core;
using VetActors.Rpc;

namespace VetActors.InteropServer;

/// <summary>
/// How the interop service observes request compression and asks for response compression, with
/// the conventions grpc-dotnet's interop service uses: the request's <c>grpc-encoding</c> header, the
/// <c>grpc-internal-encoding-request</c> response header and <see cref="WriteFlags.NoCompress"/>.
/// </summary>
internal static class CallCompression
{
    private const string EncodingHeader = "grpc-encoding";
    private const string CompressionRequestHeader = "grpc-internal-encoding-request";

    // WriteOptions is immutable, so one instance serves every call.
    private static readonly WriteOptions NoCompress = new(WriteFlags.NoCompress);

    /// <summary>Whether the client declared a compressed encoding for the call's request messages.</summary>
    public static bool RequestIsCompressed(ServerCallContext context)
    {
        var encoding = context.GetHttpContext().Request.Headers[EncodingHeader].ToString();
        return encoding.Length > 0 && encoding != "identity";
    }

    /// <summary>Asks for gzip on this call's responses; only effective before the first response byte.</summary>
    public static void RequestGzipResponses(ServerCallContext context)
    {
        var response = context.GetHttpContext().Response;
        if (!response.HasStarted)
        {
            response.Headers[CompressionRequestHeader] = "gzip";
        }
    }

    /// <summary>Sets whether the next response message is compressed (when the call compresses at all).</summary>
    public static void CompressNextMessage(ServerCallContext context, bool compress) =>
        context.WriteOptions = compress ? WriteOptions.Default : NoCompress;
}
