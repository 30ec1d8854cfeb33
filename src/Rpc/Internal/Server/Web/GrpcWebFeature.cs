namespace VetActors.Rpc.Internal.Server.Web;

/// <summary>Set on a request by the gRPC-Web middleware when its endpoint accepts gRPC-Web.</summary>
internal sealed class GrpcWebFeature
{
    public static readonly GrpcWebFeature Instance = new();

    private GrpcWebFeature()
    {
    }
}
