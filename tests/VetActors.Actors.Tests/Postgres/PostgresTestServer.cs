using System.Diagnostics;
using System.Globalization;
using VetActors.Actors.Postgres;
using VetActors.Actors.Postgres.Internal;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>
/// One embedded PostgreSQL server per test process, in a temporary folder, started on first use and stopped
/// (and its folder deleted) when the process exits. Test classes get their own databases on it through
/// <see cref="PostgresDatabaseFixture"/>, so they stay isolated and can run in parallel.
/// </summary>
public static class PostgresTestServer
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "vetactors-tests");
    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartAsync);
    private static int _databaseCounter;

    public static Task<EmbeddedPostgres> GetAsync() => Server.Value;

    /// <summary>Creates a new, empty database on the shared server and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await GetAsync();
        var name = string.Create(
            CultureInfo.InvariantCulture, $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}");
        await server.CreateDatabaseAsync(name, CancellationToken.None);
        return server.GetConnectionString(name);
    }

    /// <summary>A fresh folder for tests that run a server of their own; deleted with the shared server's.</summary>
    public static string NewFolder(string purpose)
    {
        var folder = Path.Combine(ProcessFolder, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string ProcessFolder => Path.Combine(Root, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        await SweepAbandonedAsync();
        Directory.CreateDirectory(ProcessFolder);
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(ProcessFolder, "shared"),
            SyncAfterInit = false,
            Database = "tests",
            SharedBuffers = "32MB",
            MaxConnections = 200,
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            TryDelete(ProcessFolder);
        };
        return server;
    }

    /// <summary>Stops servers and deletes folders left by test processes that were killed before they could.</summary>
    private static async Task SweepAbandonedAsync()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            var clusters = Directory.EnumerateDirectories(folder)
                .SelectMany(d => new[] { d, Path.Combine(d, "data") })
                .Where(d => File.Exists(Path.Combine(d, "PG_VERSION")));
            foreach (var data in clusters)
            {
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    // Starting over the folder adopts its orphaned server, which disposing then stops.
                    try
                    {
                        await using var orphan = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = data, Database = "tests" });
                    }
                    catch (Exception)
                    {
                        // Broken leftovers (or ones another test process is sweeping right now) are deleted below
                        // all the same: a sweep must never stop this run from starting its own server.
                    }
                }

                // A server that was still shutting down when its test process ended leaves its socket folder.
                TryDelete(new ClusterFolder(data).SocketDirectory);
            }

            TryDelete(folder);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
