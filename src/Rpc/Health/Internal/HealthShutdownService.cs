using Microsoft.Extensions.Hosting;

namespace VetActors.Rpc.Health.Internal;

/// <summary>
/// Reports NOT_SERVING as soon as the application starts stopping, while Kestrel still drains calls,
/// so load balancers watching the server stop sending it new work before it goes away.
/// </summary>
internal sealed class HealthShutdownService(IHostApplicationLifetime lifetime, HealthServiceImpl health) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(health.Shutdown);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _registration.DisposeAsync().AsTask();
}
