using Grpc.Core;

namespace VetActors.Rpc.Tests.Server.Infrastructure;

/// <summary>What the test service saw, for assertions on the server side of a call.</summary>
public sealed class EchoProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed with true when the handler's CancellationToken fired.</summary>
    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<Exception?> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Metadata? RequestHeaders { get; set; }

    /// <summary>A response stream a handler kept past its call (to prove it can no longer write).</summary>
    public object? KeptWriter { get; set; }

    public List<string> Log { get; } = [];
}
