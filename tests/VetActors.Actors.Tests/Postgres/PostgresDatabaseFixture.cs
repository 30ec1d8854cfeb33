using Npgsql;
using VetActors.Actors.Postgres;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>A fresh, migrated database on the shared test server, one per test class.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresTestServer.CreateDatabaseAsync();
        DataSource = PostgresServiceCollectionExtensions.CreateDataSource(ConnectionString);
        await PostgresSchema.MigrateAsync(DataSource, CancellationToken.None);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
