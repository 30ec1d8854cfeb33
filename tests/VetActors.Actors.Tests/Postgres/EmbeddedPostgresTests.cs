using System.Globalization;
using Npgsql;
using VetActors.Actors.Postgres;

namespace VetActors.Actors.Tests.Postgres;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task StartAsync_FreshFolderThenRestart_KeepsCommittedData()
    {
        var options = NewOptions("restart", database: "restart_test");

        await using (var first = await EmbeddedPostgres.StartAsync(options))
        {
            Assert.True(File.Exists(Path.Combine(first.DataDirectory, "PG_VERSION")));
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (42)");
        }

        await using var second = await EmbeddedPostgres.StartAsync(options);
        Assert.Equal(42, await ScalarAsync<int>(second.ConnectionString, "SELECT id FROM kept"));
        Assert.Equal("UTF8", await ScalarAsync<string>(second.ConnectionString, "SHOW server_encoding"));
        Assert.Equal("on", await ScalarAsync<string>(second.ConnectionString, "SHOW fsync"));
    }

    [Fact]
    public async Task StartAsync_StaleLockFileFromKilledServer_StartsAnyway()
    {
        var options = NewOptions("stale");
        await (await EmbeddedPostgres.StartAsync(options)).DisposeAsync();

        // A lock file naming a live process that is not this cluster's postmaster (this test process), as after
        // a SIGKILL followed by PID reuse: PostgreSQL alone would refuse to start.
        var pidFile = Path.Combine(options.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{options.DataDirectory}\n"));

        await using var restarted = await EmbeddedPostgres.StartAsync(options);
        Assert.Equal(1, await ScalarAsync<int>(restarted.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task StartAsync_ServerLeftRunningOnFolder_ReusesIt()
    {
        var options = NewOptions("adopt");
        var abandoned = await EmbeddedPostgres.StartAsync(options);
        await ExecuteAsync(abandoned.ConnectionString, "CREATE TABLE marker (id int)");

        // The first owner "dies" without stopping its server; the next start must use that server, not fail.
        await using var next = await EmbeddedPostgres.StartAsync(options);
        Assert.Equal(0L, await ScalarAsync<long>(next.ConnectionString, "SELECT count(*) FROM marker"));
        await next.StopAsync(CancellationToken.None);
        Assert.False(File.Exists(Path.Combine(options.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task StartAsync_ServerOwnedByAnotherLiveProcess_RefusesToShareIt()
    {
        var options = NewOptions("owned");
        await using var running = await EmbeddedPostgres.StartAsync(options);

        // PID 1 is always alive: the folder now looks owned by another running silo.
        await File.WriteAllTextAsync(Path.Combine(options.DataDirectory, "vetactors.owner"), "1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EmbeddedPostgres.StartAsync(options));
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ScalarAsync<int>(running.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task StartAsync_ServerLeftRunningOnFreeTcpPort_ReusesItOnItsPort()
    {
        var options = NewOptions("adopt-tcp", tcpPort: 0);
        var abandoned = await EmbeddedPostgres.StartAsync(options);

        await using var next = await EmbeddedPostgres.StartAsync(options);

        Assert.Equal(abandoned.Port, next.Port);
        Assert.Equal(1, await ScalarAsync<int>(next.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task StartAsync_WithTcpPort_AcceptsLoopbackConnections()
    {
        var options = NewOptions("tcp", tcpPort: 0);
        await using var server = await EmbeddedPostgres.StartAsync(options);

        var tcp = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = server.Port }.ConnectionString;
        Assert.Equal(server.Port, await ScalarAsync<int>(tcp, "SELECT inet_server_port()"));
    }

    [Fact]
    public async Task StartAsync_FolderWithoutPostgresPrograms_FailsNamingThePackage()
    {
        var options = new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(PostgresTestServer.NewFolder("nobin"), "data"),
            BinDirectory = PostgresTestServer.NewFolder("empty-bin"),
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EmbeddedPostgres.StartAsync(options));
        Assert.Contains("'postgresql' package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AsRootUnderFolderClosedToPostgresUser_FailsNamingTheFolder()
    {
        if (!Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            // Only root hands the server to the postgres OS user; as any other user the server runs as the caller.
            return;
        }

        var closed = PostgresTestServer.NewFolder("closed");
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(closed, "data"), SyncAfterInit = false };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EmbeddedPostgres.StartAsync(options));

        Assert.Contains("cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NonEmptyFolderWithoutCluster_RefusesToInitialise()
    {
        var folder = PostgresTestServer.NewFolder("occupied");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a database");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { SyncAfterInit = false, DataDirectory = folder }));
        Assert.Contains("refusing", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public async Task CreateDatabaseAsync_CalledTwice_IsIdempotent()
    {
        var server = await PostgresTestServer.GetAsync();

        await server.CreateDatabaseAsync("idempotent_db", CancellationToken.None);
        await server.CreateDatabaseAsync("idempotent_db", CancellationToken.None);

        Assert.Equal("idempotent_db", await ScalarAsync<string>(server.GetConnectionString("idempotent_db"), "SELECT current_database()"));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("x; DROP DATABASE tests")]
    [InlineData("")]
    public async Task CreateDatabaseAsync_UnsafeName_IsRejected(string name)
    {
        var server = await PostgresTestServer.GetAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync(name, CancellationToken.None));
    }

    // Throwaway clusters: initdb need not flush them to disk.
    private static EmbeddedPostgresOptions NewOptions(string purpose, string database = "vetactors", int? tcpPort = null) => new()
    {
        DataDirectory = Path.Combine(PostgresTestServer.NewFolder(purpose), "data"),
        Database = database,
        TcpPort = tcpPort,
        SyncAfterInit = false,
    };

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
