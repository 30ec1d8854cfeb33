using Grpc.Health.V1;
using Grpc.Reflection.V1;
using VetActors.Rpc.Client;

namespace VetActors.Silo.Tests;

/// <summary>The silo as scripts/silo.sh runs it: its own PostgreSQL, gRPC health and reflection, crash restarts.</summary>
public sealed class SiloHostTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "vetactors-silo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FreshDataFolder_StartsEmbeddedDatabase_AndServesHealthAndReflection()
    {
        await using var silo = await SiloProcess.StartAsync(_dataDirectory);
        using var channel = GrpcChannel.ForAddress(silo.Address);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        var services = await ListServicesAsync(channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1.ServerReflection", services);
        Assert.Contains(services, s => s.StartsWith("vetactors.", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")), silo.Output);
    }

    [Fact]
    public async Task SiloKilledWithSigkill_RestartsOverTheSameFolder_AndServesAgain()
    {
        var first = await SiloProcess.StartAsync(_dataDirectory);
        first.Kill();
        await first.DisposeAsync();

        await using var second = await SiloProcess.StartAsync(_dataDirectory);
        using var channel = GrpcChannel.ForAddress(second.Address);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(0, await second.StopAsync());
    }

    public void Dispose()
    {
        StopLeftoverServer();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<List<string>> ListServicesAsync(GrpcChannel channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }

    /// <summary>A killed silo leaves its embedded server running; stop it so the test leaves nothing behind.</summary>
    private void StopLeftoverServer()
    {
        if (!File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            return;
        }
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).FirstOrDefault(File.Exists);
        if (pgCtl is null)
        {
            return;
        }
        var info = Environment.UserName == "root"
            ? new System.Diagnostics.ProcessStartInfo("runuser", ["-u", "postgres", "--", pgCtl, "stop", "-D", _dataDirectory, "-m", "immediate"])
            : new System.Diagnostics.ProcessStartInfo(pgCtl, ["stop", "-D", _dataDirectory, "-m", "immediate"]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var stop = System.Diagnostics.Process.Start(info);
        stop?.WaitForExit(30_000);
    }
}
