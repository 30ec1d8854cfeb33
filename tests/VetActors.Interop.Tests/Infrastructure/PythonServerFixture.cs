using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VetActors.Interop.Tests.Infrastructure;

/// <summary>The python3-grpcio interop server (tests/Interop/python/interop_server.py) on a free port.</summary>
public sealed partial class PythonServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;
    private readonly System.Text.StringBuilder _output = new();

    public int Port { get; private set; }

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Peers.RequirePython();
        _process = Peers.Start(Peers.Python, [Peers.PythonScript("interop_server.py"), "--port=0"]);
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, port);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, port);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _ = _process.WaitForExitAsync().ContinueWith(
            _ => port.TrySetException(new InvalidOperationException($"The Python interop server exited:\n{Output}")),
            TaskScheduler.Default);
        Port = await port.Task.WaitAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource<int> port)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"^listening on (\d+)$")]
    private static partial Regex ListeningLine();
}
