using Npgsql;
using VetActors.Actors.Postgres;

namespace VetActors.Silo.Hosting;

/// <summary>
/// Stops the embedded PostgreSQL once the host has stopped, i.e. after every hosted service (the actor runtime
/// finishing its in-flight turns, Kestrel draining requests) is done with it.
/// </summary>
internal sealed class EmbeddedPostgresLifetime : IHostedService, IAsyncDisposable
{
    private readonly EmbeddedPostgres _server;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IHostApplicationLifetime _lifetime;

    public EmbeddedPostgresLifetime(EmbeddedPostgres server, NpgsqlDataSource dataSource, IHostApplicationLifetime lifetime)
    {
        _server = server;
        _dataSource = dataSource;
        _lifetime = lifetime;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // ApplicationStopped fires after all hosted services have stopped, whatever their registration order.
        _lifetime.ApplicationStopped.Register(Stop);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Stop()
    {
        // Idle pooled connections are closed first, so the server's shutdown does not break them under the pool.
        _dataSource.Clear();
        _server.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}
