using Grpc.Core;

namespace VetActors.Rpc.Tests.Infrastructure;

/// <summary>A ServerCallContext for calling service classes directly, without a transport.</summary>
public sealed class TestServerCallContext(string method = "/test/Call", CancellationToken cancellationToken = default) : ServerCallContext
{
    public Metadata ResponseHeaders { get; } = [];

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        foreach (var entry in responseHeaders)
        {
            ResponseHeaders.Add(entry);
        }
        return Task.CompletedTask;
    }

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new InvalidOperationException("Service tests make no outgoing calls.");

    protected override string MethodCore => method;

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:50000";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);
}
