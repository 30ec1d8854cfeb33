using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Tests.Echo;

namespace VetActors.Rpc.Tests.Reflection;

/// <summary>
/// A Kestrel h2c server on 127.0.0.1 with the echo, health and reflection services mapped, and the
/// result of running the python3-grpcio peer (Peers/health_reflection_client.py) against it once.
/// </summary>
public sealed class HealthReflectionPythonFixture : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";

    private WebApplication? _app;

    /// <summary>What the Python client saw, as the JSON object it printed.</summary>
    public JsonElement Result { get; private set; }

    private sealed class EchoImpl : EchoService.EchoServiceBase
    {
        public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
            Task.FromResult(new EchoReply { Text = request.Text });
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        builder.Services.AddGrpcReflection();
        _app = builder.Build();
        _app.MapGrpcService<EchoImpl>();
        _app.MapGrpcHealthChecksService();
        _app.MapGrpcReflectionService();
        await _app.StartAsync();

        var target = new Uri(_app.Urls.Single()).Authority;
        Result = await RunPeerAsync(target);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static async Task<JsonElement> RunPeerAsync(string target)
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "tests", "VetActors.Rpc.Tests", "Reflection", "Peers", "health_reflection_client.py");
        var protos = Path.Combine(root, "src", "Rpc", "Protos");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { script, "--target", target, "--protos", protos },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Keep the peer out of any user site-packages or pyenv shims: Debian's python3-grpcio only.
        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment.Remove("PYTHONPATH");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The Python peer failed (exit {process.ExitCode}); python3-grpcio and python3-grpc-tools come from 'bash scripts/deps.sh'.\n{await errors}");
        }
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VetActors.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("VetActors.sln not found above the test binaries.");
    }
}
