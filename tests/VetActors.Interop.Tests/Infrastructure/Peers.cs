using System.Diagnostics;
using System.Text;

namespace VetActors.Interop.Tests.Infrastructure;

/// <summary>Locates and runs the independent gRPC peers under tests/Interop (Python and Node).</summary>
public static class Peers
{
    /// <summary>Debian's interpreter, which is the one python3-grpcio is installed for.</summary>
    public const string Python = "/usr/bin/python3";

    // Bounds every peer run: the peers give each call a 10 s deadline, so this only catches a hung peer.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    public static string PythonScript(string name) => Path.Combine(RepositoryRoot.Value, "tests", "Interop", "python", name);

    public static string NodeScript(string name) => Path.Combine(RepositoryRoot.Value, "tests", "Interop", "node", name);

    /// <summary>Fails (never skips) with the fix when python3-grpcio or its protoc is missing.</summary>
    public static void RequirePython()
    {
        var probe = RunAsync(Python, ["-c", "import grpc, grpc_tools.protoc, google.protobuf"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (probe.ExitCode != 0)
        {
            Assert.Fail($"The Python gRPC peer is missing ({Python} cannot import grpc, grpc_tools, google.protobuf). " +
                $"Run scripts/deps.sh to install python3-grpcio and python3-grpc-tools.\n{probe.Output}");
        }
    }

    /// <summary>Fails (never skips) with the fix when node or the npm packages of tests/Interop/node are missing.</summary>
    public static void RequireNode()
    {
        var modules = Path.Combine(RepositoryRoot.Value, "tests", "Interop", "node", "node_modules");
        foreach (var package in new[] { "@grpc/grpc-js", "@grpc/proto-loader", "@connectrpc/connect-node", "@connectrpc/connect", "@bufbuild/protobuf" })
        {
            if (!Directory.Exists(Path.Combine(modules, package)))
            {
                Assert.Fail($"The Node gRPC peer is missing the npm package {package} under {modules}. Run scripts/deps.sh (it runs npm ci there).");
            }
        }
        var probe = RunAsync("node", ["--version"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (probe.ExitCode != 0)
        {
            Assert.Fail($"node is not runnable; run scripts/deps.sh.\n{probe.Output}");
        }
    }

    public static Task<PeerRun> RunPythonAsync(string script, params string[] arguments) =>
        RunAsync(Python, [PythonScript(script), .. arguments], RunTimeout);

    public static Task<PeerRun> RunNodeAsync(string script, params string[] arguments) =>
        RunAsync("node", [NodeScript(script), .. arguments], RunTimeout);

    /// <summary>Runs a process to its end (killing it after <paramref name="timeout"/>) and captures its output.</summary>
    public static async Task<PeerRun> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        using var process = Start(fileName, arguments);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append(output, $"(killed after {timeout.TotalSeconds:0} s)");
            return new PeerRun(commandLine, -1, Snapshot(output));
        }
        // The parameterless wait drains the asynchronous output readers.
        await process.WaitForExitAsync();
        return new PeerRun(commandLine, process.ExitCode, Snapshot(output));
    }

    /// <summary>Starts a long-running peer with redirected output.</summary>
    public static Process Start(string fileName, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Value,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Keep the peers on their own libraries: no user site-packages, no interpreter overrides.
        info.Environment["PYTHONNOUSERSITE"] = "1";
        info.Environment.Remove("PYTHONPATH");
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VetActors.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"VetActors.sln not found above {AppContext.BaseDirectory}.");
    }
}
