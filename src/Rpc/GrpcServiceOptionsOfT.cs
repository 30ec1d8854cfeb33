namespace VetActors.Rpc;

/// <summary>
/// Options for one service type, configured with <c>AddServiceOptions&lt;TService&gt;</c>. They start
/// from the server-wide options; the service's interceptors run after the server-wide ones.
/// </summary>
public class GrpcServiceOptions<TService> : GrpcServiceOptions
    where TService : class
{
}
