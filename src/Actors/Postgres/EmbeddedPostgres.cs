using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VetActors.Actors.Postgres.Internal;

namespace VetActors.Actors.Postgres;

/// <summary>
/// A private PostgreSQL server run from the machine's binaries: <c>initdb</c> into a data folder on first start
/// (as the <c>postgres</c> OS user when running as root), <c>pg_ctl start</c> on a private Unix socket, the
/// folder reused on later starts, <c>pg_ctl stop -m fast</c> on dispose. Used by the silo when no connection
/// string is configured, and by the tests.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string Superuser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly ClusterFolder _folder;
    private readonly ServerAccount _account;
    private readonly EmbeddedPostgresOptions _options;
    private readonly ILogger _logger;
    private int _stopped;

    private EmbeddedPostgres(
        PostgresBinaries binaries, ClusterFolder folder, ServerAccount account, EmbeddedPostgresOptions options, int port, ILogger logger)
    {
        _binaries = binaries;
        _folder = folder;
        _account = account;
        _options = options;
        _logger = logger;
        Port = port;
    }

    /// <summary>The data folder (PGDATA).</summary>
    public string DataDirectory => _folder.DataDirectory;

    /// <summary>The private folder holding the server's Unix socket.</summary>
    public string SocketDirectory => _folder.SocketDirectory;

    /// <summary>The server's port: the loopback TCP port when one was asked for, else only the socket file's number.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to <see cref="EmbeddedPostgresOptions.Database"/>.</summary>
    public string ConnectionString => GetConnectionString(_options.Database);

    /// <summary>Starts (initialising on first use) the server in <see cref="EmbeddedPostgresOptions.DataDirectory"/>.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        EmbeddedPostgresOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var folder = new ClusterFolder(options.DataDirectory);
        var binaries = await PostgresBinaries.LocateAsync(options.BinDirectory, folder.MajorVersion, cancellationToken);
        var account = ServerAccount.Current();

        if (!folder.IsInitialized)
        {
            await InitializeAsync(binaries, folder, account, logger, options, cancellationToken);
        }

        var port = options.TcpPort switch
        {
            null => ClusterFolder.SocketOnlyPort,
            0 => FreeLoopbackPort(),
            var p => p.Value,
        };
        var server = new EmbeddedPostgres(binaries, folder, account, options, port, logger);
        await server.StartServerAsync(cancellationToken);
        await server.CreateDatabaseAsync(options.Database, cancellationToken);
        return server;
    }

    /// <summary>A connection string to another database of this server.</summary>
    public string GetConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = SocketDirectory,
            Port = Port,
            Username = Superuser,
            Database = database,
            MaxPoolSize = 100,
        };
        return builder.ConnectionString;
    }

    /// <summary>Creates a database on this server unless it exists.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        if (!DatabaseName().IsMatch(database))
        {
            throw new ArgumentException("Database names are lowercase letters, digits and underscores, starting with a letter.", nameof(database));
        }

        await using var connection = new NpgsqlConnection(AdministrationConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        // The name was checked against a strict pattern above: CREATE DATABASE takes no parameters.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogDatabaseCreated(_logger, database);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Created concurrently by another starter: what was asked for exists.
        }
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>: sessions are disconnected, committed work is kept).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopAsync("fast", cancellationToken);

    /// <summary>
    /// Stops the server as a crash would (<c>pg_ctl stop -m immediate</c>: no shutdown checkpoint, the next start
    /// replays the write-ahead log). For tests proving that acknowledged writes survive.
    /// </summary>
    public Task CrashAsync(CancellationToken cancellationToken) => StopAsync("immediate", cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task StopAsync(string mode, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // Idle connections opened by connection string would be dead after the stop and fail their next user (data
        // sources keep their own pools: their owners clear them).
        NpgsqlConnection.ClearAllPools();
        var secondsArg = ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var stop = await ProcessRunner.RunAsync(
            _binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", mode, "-w", "-s", "-t", secondsArg], _account.RunAsUser,
            _options.StartTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        if (stop.Succeeded)
        {
            _folder.ForgetOwner();
            TryDeleteSocketDirectory();
            LogStopped(_logger, DataDirectory, mode);
        }
        else
        {
            LogStopFailed(_logger, DataDirectory, stop.Output);
        }
    }

    private string AdministrationConnectionString() =>
        new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false }.ConnectionString;

    private void TryDeleteSocketDirectory()
    {
        try
        {
            // The folder belongs to this data folder's server, which is down; an immediate stop leaves its socket behind.
            Directory.Delete(SocketDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
