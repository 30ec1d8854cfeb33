using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VetActors.PimsAgent.Tests.Infrastructure;

/// <summary>
/// The real silo executable as a child process on a free loopback port, over its own embedded PostgreSQL data
/// folder: started, killed with SIGKILL (no shutdown code runs), and started again over the same data.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public SiloProcess(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        Port = FreePort();
        _environment = new Dictionary<string, string>(settings)
        {
            ["VETACTORS__Silo__ListenUrl"] = $"http://127.0.0.1:{Port}",
            ["VETACTORS__Database__DataDirectory"] = dataDirectory,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public static string SiloDll
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VetActors.sln")))
            {
                directory = directory.Parent;
            }

            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("VetActors.sln not found above the test output."),
                "src", "Silo", "bin", configuration, "net10.0", "VetActors.Silo.dll");
        }
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [SiloDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloDll)!,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: the process dies at once, mid-stream, without flushing or shutting anything down.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>
    /// A killed silo leaves its PostgreSQL running (the restarted silo reuses it); at the end it is stopped with
    /// pg_ctl, as the OS user that owns the data folder.
    /// </summary>
    public static void StopOrphanedPostgres(string dataDirectory)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            return;
        }

        var pgCtl = "/usr/lib/postgresql/15/bin/pg_ctl";
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, "stop", "-D", dataDirectory, "-m", "immediate"])
            : new ProcessStartInfo(pgCtl, ["stop", "-D", dataDirectory, "-m", "immediate"]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start);
        process?.WaitForExit(30_000);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
