using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Rpc.Internal.Server;

internal sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
{
    public IServiceCollection Services { get; } = services;
}
