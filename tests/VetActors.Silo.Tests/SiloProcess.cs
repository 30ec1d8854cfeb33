using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using VetActors.Rpc.Client;

namespace VetActors.Silo.Tests;

/// <summary>The silo executable as a child process, configured only through VETACTORS__ variables.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

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

    /// <summary>Starts the silo over the embedded database in <paramref name="dataDirectory"/> and waits until it serves.</summary>
    public static async Task<SiloProcess> StartAsync(string dataDirectory)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloPath())!,
        };
        info.ArgumentList.Add(SiloPath());
        info.Environment["VETACTORS__Silo__ListenUrl"] = address.ToString().TrimEnd('/');
        info.Environment["VETACTORS__Database__DataDirectory"] = dataDirectory;
        info.Environment["VETACTORS__Database__ConnectionString"] = "";
        var silo = new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("The silo did not start."), address);
        await silo.WaitUntilServingAsync();
        return silo;
    }

    /// <summary>SIGKILL: no shutdown code runs, the embedded PostgreSQL is left behind.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the graceful path (Ctrl+C, systemd stop).</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var limit = new CancellationTokenSource(StartupLimit);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await StopAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var health = new Health.HealthClient(channel);
        var until = DateTime.UtcNow + StartupLimit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < until)
            {
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The silo did not serve within {StartupLimit}:\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string SiloPath()
    {
        // bin/<configuration>/<framework>/ of this test project mirrors the silo's output folder.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var repository = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "src", "Silo", "bin", output.Parent.Name, output.Name, "VetActors.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the silo is missing.", path);
    }
}
