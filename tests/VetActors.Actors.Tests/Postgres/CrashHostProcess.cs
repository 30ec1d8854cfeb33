using System.Collections.Concurrent;
using System.Diagnostics;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>
/// The crash-test silo (tests/VetActors.Actors.CrashHost) as a child process: the actor runtime over
/// PostgreSQL, appending journal entries on request and acknowledging each once durable.
/// </summary>
internal sealed class CrashHostProcess : IDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    private CrashHostProcess(Process process)
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
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static CrashHostProcess Start(string connectionString)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostPath());
        info.ArgumentList.Add(connectionString);
        var host = new CrashHostProcess(Process.Start(info) ?? throw new InvalidOperationException("The crash host did not start."));
        var first = host.NextLine(StartupLimit);
        return first == "ready" ? host : throw new InvalidOperationException($"The crash host said '{first}' instead of 'ready'.");
    }

    /// <summary>Sends a line; <c>false</c> once the process is gone.</summary>
    public bool TrySend(string line)
    {
        try
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The next line printed, or <c>null</c> when the process ended first.</summary>
    public string? NextLine(TimeSpan limit) =>
        _lines.TryTake(out var line, limit) ? line : _lines.IsCompleted ? null : throw new TimeoutException("The crash host went silent.");

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

    private static string HostPath()
    {
        // bin/<configuration>/<framework>/ of this test project mirrors the host's output folder.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var testsFolder = output.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(testsFolder, "VetActors.Actors.CrashHost", "bin", configuration, framework, "VetActors.Actors.CrashHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the crash host is missing.", path);
    }
}
