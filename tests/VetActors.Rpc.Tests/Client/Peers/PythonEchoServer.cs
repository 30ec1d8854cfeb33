using System.Diagnostics;

namespace VetActors.Rpc.Tests.Client.Peers;

/// <summary>
/// Debian's python3-grpcio serving EchoService (echo_server.py beside this file): an independent gRPC
/// implementation for the channel to talk to. Started once per test class; stops when its stdin closes.
/// </summary>
public sealed class PythonEchoServer : IAsyncLifetime
{
    // Debian's interpreter, where apt installed grpcio; a python3 earlier on PATH may lack it.
    private const string Python = "/usr/bin/python3";

    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var project = FindProjectDirectory();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { Path.Combine(project, "Client", "Peers", "echo_server.py"), Path.Combine(project, "Protos", "echo.proto") },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Python echo server.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The Python echo server did not report its port (got '{line}'). Is python3-grpcio installed (bash scripts/deps.sh)?");
        }
        Address = new Uri($"http://127.0.0.1:{int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>The test project's source folder (the script and the proto are read from there).</summary>
    private static string FindProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VetActors.Rpc.Tests.csproj")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No VetActors.Rpc.Tests.csproj above {AppContext.BaseDirectory}.");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
