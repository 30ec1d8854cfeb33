using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using VetActors.PimsAgent;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.Pims.V1;
using VetActors.Rpc.Client;

namespace VetActors.Bench.Shared;

/// <summary>
/// The silo executable over its own embedded PostgreSQL in a temporary folder, with a clinic onboarded over gRPC and
/// a synthetic export (<see cref="SyntheticExport"/>) streamed in by the reference agent: the starting point of the
/// gRPC benchmarks. Disposing stops the silo and removes the folder.
/// </summary>
internal sealed class SyntheticClinicSilo : IAsyncDisposable
{
    private readonly string _folder;
    private readonly SiloProcess _silo;

    private SyntheticClinicSilo(string folder, SiloProcess silo)
    {
        _folder = folder;
        _silo = silo;
        Channel = GrpcChannel.ForAddress(silo.Address);
    }

    public string ClinicId { get; private set; } = string.Empty;

    public string Address => _silo.Address;

    /// <summary>The benchmark's own channel (onboarding, staff calls).</summary>
    public GrpcChannel Channel { get; }

    public string AgentToken { get; private set; } = string.Empty;

    /// <summary>The clinic's Site Administrator, signed in.</summary>
    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>Where the silo writes outgoing email as .eml files.</summary>
    public string PickupDirectory => Path.Combine(_folder, "outbox");

    /// <summary>Starts the silo and onboards clinic <paramref name="clinicId"/>; <paramref name="name"/> names the temporary folder.</summary>
    public static async Task<SyntheticClinicSilo> StartAsync(string name, string clinicId)
    {
        // Not CreateTempSubdirectory: its 0700 folder would shut out the 'postgres' user the embedded server runs as.
        var folder = Path.Combine(Path.GetTempPath(), $"vetactors-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var silo = new SiloProcess(Path.Combine(folder, "postgres"), new Dictionary<string, string>
        {
            ["VETACTORS__ApiSecurity__InternalServiceKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ClinicOnboarding.InternalServiceKey))),
            ["VETACTORS__Outbox__PickupDirectory"] = Path.Combine(folder, "outbox"),
            ["VETACTORS__Outbox__PollInterval"] = "00:00:00.100",
            ["VETACTORS__Logging__LogLevel__Default"] = "Warning",
        });
        var clinic = new SyntheticClinicSilo(folder, silo) { ClinicId = clinicId };
        try
        {
            silo.Start();
            await clinic.WaitUntilServingAsync();
            (clinic.AgentToken, clinic.AdminToken) = await ClinicOnboarding.OnboardAsync(clinic.Channel.CreateCallInvoker(), clinicId, clinic.PickupDirectory);
            return clinic;
        }
        catch
        {
            await clinic.DisposeAsync();
            throw;
        }
    }

    /// <summary>Generates the export of <paramref name="clients"/> clients as of today and streams it through the agent.</summary>
    public async Task<(IReadOnlyList<Record> Records, AgentProgress Result, TimeSpan Elapsed)> ImportAsync(int clients)
    {
        using var export = new StringWriter();
        SyntheticExport.Write(export, clients, DateOnly.FromDateTime(DateTime.UtcNow));
        var records = ExportReader.Read(new StringReader(export.ToString())).ToList();
        var agent = new SyncAgent(Channel.CreateCallInvoker,
            new AgentOptions { AgentId = "bench", ApiKey = AgentToken, StatePath = Path.Combine(_folder, "agent.state.json") },
            new Progress<AgentProgress>(), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var result = await agent.RunAsync(records, "bench", CancellationToken.None);
        return (records, result, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _silo.DisposeAsync();
        SiloProcess.StopOrphanedPostgres(Path.Combine(_folder, "postgres"));
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilServingAsync()
    {
        var admin = new VetActors.Protos.Admin.V1.ClinicAdmin.ClinicAdminClient(Channel);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await admin.ListClinicsAsync(new VetActors.Protos.Admin.V1.ListClinicsRequest(), ClinicOnboarding.Bearer(ClinicOnboarding.InternalServiceKey));
                return;
            }
            catch (Exception) when (attempt < 1200)
            {
                await Task.Delay(100);
            }
        }
    }
}
