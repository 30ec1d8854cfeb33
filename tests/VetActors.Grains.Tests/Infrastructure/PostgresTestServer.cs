using System.Globalization;
using Npgsql;
using VetActors.Actors.Postgres;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// One embedded PostgreSQL server per test process in a temporary folder, started on first use and stopped
/// (its folder deleted) when the process exits; each test gets a fresh, migrated database on it.
/// </summary>
public static class PostgresTestServer
{
    private static readonly string Folder = Path.Combine(
        Path.GetTempPath(), "vetactors-grains-tests", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartAsync);
    private static int _counter;

    /// <summary>The process's one embedded server (started on first use); every database fixture shares it.</summary>
    public static Task<EmbeddedPostgres> ServerAsync() => Server.Value;

    /// <summary>A new migrated database; the caller disposes the data source.</summary>
    public static async Task<NpgsqlDataSource> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"g{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        await server.CreateDatabaseAsync(name, CancellationToken.None);
        var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(server.GetConnectionString(name));
        await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
        return dataSource;
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        Directory.CreateDirectory(Folder);
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(Folder, "data"),
            Database = "tests",
            SharedBuffers = "32MB",
            MaxConnections = 100,
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return server;
    }
}
