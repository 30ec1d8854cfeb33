using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Rpc;

/// <summary>Returned by <c>AddGrpc()</c> to configure the gRPC server further.</summary>
public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}
