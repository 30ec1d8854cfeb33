using System.Globalization;
using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Grains.Migrations;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// A fresh database with the runtime's and the domain's migrations applied, on one embedded PostgreSQL shared by the
/// test process (started on first use, stopped and deleted at exit).
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "vetactors-grains-tests", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartServerAsync);
    private static int _counter;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await Server.Value;
        var name = "g" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..12];
        await server.CreateDatabaseAsync(name, CancellationToken.None);
        DataSource = PostgresServiceCollectionExtensions.CreateDataSource(server.GetConnectionString(name));
        await PostgresSchema.MigrateAsync(DataSource, CancellationToken.None);
        await PostgresSchema.MigrateAsync(DataSource, GrainsSchema.Scope, PostgresSchema.Discover(typeof(GrainsSchema).Assembly), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    private static async Task<EmbeddedPostgres> StartServerAsync()
    {
        Directory.CreateDirectory(Folder);
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(Folder, "data"),
            Database = "tests",
            SharedBuffers = "32MB",
            MaxConnections = 50,
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
