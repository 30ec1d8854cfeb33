using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using VetActors.Actors.Postgres.Internal;

namespace VetActors.Actors.Postgres;

public sealed partial class EmbeddedPostgres
{
    private static async Task InitializeAsync(
        PostgresBinaries binaries, ClusterFolder folder, ServerAccount account, ILogger logger, EmbeddedPostgresOptions options,
        CancellationToken cancellationToken)
    {
        if (folder.HasOtherContent)
        {
            throw new InvalidOperationException(
                $"'{folder.DataDirectory}' is not empty but holds no PostgreSQL cluster (no PG_VERSION); refusing to initialise over it.");
        }

        Directory.CreateDirectory(folder.DataDirectory);
        await account.TakeOwnershipAsync(folder.DataDirectory, cancellationToken);
        await account.EnsureReachableAsync(folder.DataDirectory, cancellationToken);
        LogInitializing(logger, folder.DataDirectory, binaries.Directory);

        List<string> arguments = ["-D", folder.DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C", "--auth=trust"];
        if (!options.SyncAfterInit)
        {
            arguments.Add("--no-sync");
        }

        var initdb = await ProcessRunner.RunAsync(binaries.InitDb, arguments, account.RunAsUser, options.StartTimeout, cancellationToken);
        if (!initdb.Succeeded)
        {
            throw new InvalidOperationException(
                $"initdb failed for '{folder.DataDirectory}' (exit {initdb.ExitCode}). The folder and its parents must be " +
                $"reachable by the server's OS user ({account.RunAsUser ?? "the current user"}). Output: {initdb.Output}");
        }

        folder.IncludeSettingsFile();
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDirectory);
        await _account.TakeOwnershipAsync(SocketDirectory, cancellationToken);

        // A previous owner killed without stopping its server leaves it running: it is ours, keep using it (once
        // it accepts connections: it may still be starting, or finishing a shutdown, after which it is started anew).
        if (_folder.ServerIsRunning() && await AdoptAsync(cancellationToken))
        {
            return;
        }

        await _account.EnsureReachableAsync(DataDirectory, cancellationToken);
        _folder.WriteSettings(_options, Port);
        await _account.TakeOwnershipAsync(Path.Combine(DataDirectory, ClusterFolder.SettingsFileName), cancellationToken);

        var secondsArg = ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        // The address, port and socket folder are also given on the command line, which wins over every file: a
        // server must never fall back to PostgreSQL's default localhost:5432, where two embedded servers collide.
        var listen = _options.TcpPort is null ? string.Empty : "127.0.0.1";
        var serverOptions = string.Create(CultureInfo.InvariantCulture, $"-c listen_addresses={listen} -p {Port} -k {SocketDirectory}");
        var start = await ProcessRunner.RunAsync(
            _binaries.PgCtl, ["start", "-D", DataDirectory, "-l", _folder.LogFile, "-w", "-s", "-t", secondsArg, "-o", serverOptions], _account.RunAsUser,
            _options.StartTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        if (start.Succeeded)
        {
            _folder.RecordOwner();
            LogStarted(_logger, DataDirectory, SocketDirectory, Port);
            return;
        }

        // Another process started the same folder at the same moment.
        if (_folder.ServerIsRunning() && await AdoptAsync(cancellationToken))
        {
            return;
        }

        throw new InvalidOperationException(
            $"pg_ctl could not start PostgreSQL in '{DataDirectory}' (exit {start.ExitCode}): {start.Output}{Environment.NewLine}" +
            $"Server log ({_folder.LogFile}):{Environment.NewLine}{TailOfLog()}");
    }

    /// <summary>Takes over the running server once it accepts connections; <c>false</c> when it stopped meanwhile.</summary>
    private async Task<bool> AdoptAsync(CancellationToken cancellationToken)
    {
        if (_folder.LiveOwnerOtherThanCurrentProcess() is { } owner)
        {
            throw new InvalidOperationException(
                $"'{DataDirectory}' is in use by the PostgreSQL server of running process {owner}. Stop that process or use another data folder.");
        }

        var started = Stopwatch.GetTimestamp();
        while (_folder.ServerIsRunning())
        {
            // The running server keeps the port it was started with (it also names the socket file).
            Port = _folder.RunningServerPort() ?? Port;
            try
            {
                await using var connection = new NpgsqlConnection(AdministrationConnectionString());
                await connection.OpenAsync(cancellationToken);
                _folder.RecordOwner();
                LogAdopted(_logger, DataDirectory);
                return true;
            }
            catch (NpgsqlException ex)
            {
                if (Stopwatch.GetElapsedTime(started) > _options.StartTimeout)
                {
                    throw new InvalidOperationException(
                        $"A PostgreSQL server runs on '{DataDirectory}' but did not accept connections within {_options.StartTimeout}: {ex.Message}", ex);
                }

                // Starting up or shutting down (57P03), or its socket not there yet: look again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }

        return false;
    }

    private string TailOfLog()
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(_folder.LogFile).TakeLast(20));
        }
        catch (IOException ex)
        {
            return $"(unreadable: {ex.Message})";
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"(unreadable: {ex.Message})";
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Initialising a new PostgreSQL cluster in {DataDirectory} with {BinDirectory}")]
    private static partial void LogInitializing(ILogger logger, string dataDirectory, string binDirectory);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "PostgreSQL started on {DataDirectory} (socket {SocketDirectory}, port {Port})")]
    private static partial void LogStarted(ILogger logger, string dataDirectory, string socketDirectory, int port);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "A PostgreSQL server was already running on {DataDirectory}; using it")]
    private static partial void LogAdopted(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogDatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "PostgreSQL on {DataDirectory} stopped ({Mode})")]
    private static partial void LogStopped(ILogger logger, string dataDirectory, string mode);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "pg_ctl stop failed for {DataDirectory}: {Output}")]
    private static partial void LogStopFailed(ILogger logger, string dataDirectory, string output);
}
