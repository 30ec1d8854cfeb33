using System.Collections.Concurrent;
using System.Diagnostics;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// The crash host (tests/VetActors.Actors.CrashHost) in payments mode as a child process: the payment ledger of clinic
/// <see cref="Clinic"/> over PostgreSQL, answering each line once the operation is durable.
/// </summary>
internal sealed class PaymentCrashHost : IDisposable
{
    public const string Clinic = "crash";

    // Hang guards, not deadlines: the host answers as soon as it can.
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LineLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _errors = new();

    private PaymentCrashHost(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else
            {
                _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ExitCode => _process.ExitCode;

    public static PaymentCrashHost Start(string connectionString)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostPath(), "payments", connectionString })
        {
            info.ArgumentList.Add(argument);
        }

        var host = new PaymentCrashHost(Process.Start(info) ?? throw new InvalidOperationException("The crash host did not start."));
        var first = host.NextLine(StartupLimit);
        return first == "ready" ? host : throw new InvalidOperationException($"The crash host said '{first}' instead of 'ready': {string.Join('\n', host._errors)}");
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>The next line printed; <c>null</c> once the process has ended.</summary>
    public string? NextLine() => NextLine(LineLimit);

    /// <summary>Closes the input: the host finishes what it was sent and exits.</summary>
    public async Task FinishAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(LineLimit);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private string? NextLine(TimeSpan limit) =>
        _lines.TryTake(out var line, limit) ? line
        : _lines.IsCompleted ? null
        : throw new TimeoutException($"The crash host went silent: {string.Join('\n', _errors)}");

    private static string HostPath()
    {
        // tests/VetActors.Grains.Tests/bin/<configuration>/<framework>/ -> tests/VetActors.Actors.CrashHost/bin/<configuration>/<framework>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "VetActors.Actors.CrashHost", "bin", configuration, framework, "VetActors.Actors.CrashHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the test project first: the crash host is missing.", path);
    }
}
