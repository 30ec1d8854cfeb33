using Microsoft.Extensions.Hosting;
using VetActors.Actors.Internal;

namespace VetActors.Actors.Hosting;

/// <summary>Starts the runtime with the host and stops it gracefully (in-flight turns finish, grains deactivate).</summary>
internal sealed class ActorSiloHostedService(ActorRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
