using System.Globalization;
using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Grains.Migrations;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// A fresh database with the runtime's and the domain's migrations applied, on the test process's one embedded
/// PostgreSQL (<see cref="PostgresTestServer"/>).
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    private static int _counter;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresTestServer.ServerAsync();
        var name = "g" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..12];
        await server.CreateDatabaseAsync(name, CancellationToken.None);
        DataSource = PostgresServiceCollectionExtensions.CreateDataSource(server.GetConnectionString(name));
        await PostgresSchema.MigrateAsync(DataSource, CancellationToken.None);
        await PostgresSchema.MigrateAsync(DataSource, GrainsSchema.Scope, PostgresSchema.Discover(typeof(GrainsSchema).Assembly), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
