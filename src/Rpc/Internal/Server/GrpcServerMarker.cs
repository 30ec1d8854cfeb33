namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Registered by <c>AddGrpc()</c>: proves it was called, and remembers whether the catch-all endpoint
/// for unknown services has been mapped (it must be mapped once per application).
/// </summary>
internal sealed class GrpcServerMarker
{
    private int _unknownServiceMapped;

    public bool TryClaimUnknownServiceEndpoint() => Interlocked.Exchange(ref _unknownServiceMapped, 1) == 0;
}
