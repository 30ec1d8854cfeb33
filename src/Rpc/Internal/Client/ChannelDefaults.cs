namespace VetActors.Rpc.Internal.Client;

/// <summary>The handler a channel creates when it is given none, with the reasons for each default.</summary>
internal static class ChannelDefaults
{
    public static SocketsHttpHandler CreateHandler() => new()
    {
        // A server limits concurrent streams per connection (Kestrel and many others: 100); without this
        // the 101st long-lived call waits for a free stream instead of opening a second connection.
        EnableMultipleHttp2Connections = true,

        // gRPC connections are long-lived and multiplexed; reconnecting after a quiet minute only adds
        // latency to the next call. The server's GOAWAY still closes them.
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,

        // Keep-alive pings stay off, as in gRPC's other clients: C-core servers (grpcio among them)
        // answer a client that pings more often than every 5 minutes without data with GOAWAY
        // (too_many_pings). Callers who need them set them on their own SocketsHttpHandler.
        KeepAlivePingDelay = Timeout.InfiniteTimeSpan,
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),

        // gRPC bodies are length-prefixed messages with their own compression; HTTP-level
        // decompression and redirects do not apply.
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
    };
}
