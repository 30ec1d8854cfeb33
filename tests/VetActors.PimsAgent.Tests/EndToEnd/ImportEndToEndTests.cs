using System.Globalization;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;
using VetActors.Protos.StaffSync.V1;
using VetActors.Rpc.Client;

namespace VetActors.PimsAgent.Tests.EndToEnd;

/// <summary>
/// The reference agent importing a synthetic clinic into the real silo process over real gRPC and the embedded
/// PostgreSQL, with the silo killed (SIGKILL) in the middle of the stream and started again.
/// </summary>
public sealed class ImportEndToEndTests : IAsyncLifetime
{
    private const string ClinicId = "e2e";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vetactors-pims-e2e-" + Guid.NewGuid().ToString("N"));
    private SiloProcess _silo = null!;

    private string PickupDirectory => Path.Combine(_folder, "outbox");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _silo = new SiloProcess(Path.Combine(_folder, "postgres"), new Dictionary<string, string>
        {
            ["VETACTORS__ApiSecurity__InternalServiceKeySha256"] = Sha256(ClinicOnboarding.InternalServiceKey),
            ["VETACTORS__Outbox__PickupDirectory"] = PickupDirectory,
            ["VETACTORS__Outbox__PollInterval"] = "00:00:00.100",
            ["VETACTORS__Identity__PasswordHashIterations"] = "10000",
        });
        _silo.Start();
        await WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        SiloProcess.StopOrphanedPostgres(Path.Combine(_folder, "postgres"));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A PostgreSQL file still held open by a process going away; the temp folder is cleaned up later.
        }
    }

    [Fact]
    public async Task Import_SiloKilledWithSigkillMidStream_ResumesAndFinalStateExactlyEqualsExport()
    {
        var exportPath = Path.Combine(_folder, "clinic.jsonl");
        await using (var writer = new StreamWriter(exportPath))
        {
            SyntheticExport.Write(writer, 120, DateOnly.FromDateTime(DateTime.UtcNow));
        }

        List<Record> records;
        using (var reader = new StreamReader(exportPath))
        {
            records = [.. ExportReader.Read(reader)];
        }

        using var channel = GrpcChannel.ForAddress(_silo.Address);
        var (agentToken, adminToken) = await ClinicOnboarding.OnboardAsync(channel.CreateCallInvoker(), ClinicId, PickupDirectory);
        var options = new AgentOptions
        {
            AgentId = "e2e-agent", ApiKey = agentToken, StatePath = exportPath + ".state.json", BatchSize = 20, MaxBackoff = TimeSpan.FromMilliseconds(500),
        };
        var progress = new SignallingProgress(acknowledgedBatches: 8);
        var agent = new SyncAgent(channel.CreateCallInvoker, options, progress, TimeProvider.System);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var run = agent.RunAsync(records, "e2e-export", guard.Token);
        await progress.Reached.WaitAsync(guard.Token);
        await _silo.KillAsync();
        _silo.Start();
        var result = await run;

        Assert.True(result.Reconnects >= 1, "The agent never saw the silo go away.");
        var staff = new StaffSync.StaffSyncClient(channel.CreateCallInvoker());
        var headers = ClinicOnboarding.Bearer(adminToken);
        var status = await staff.GetIntegrationStatusAsync(new GetIntegrationStatusRequest(), headers);
        Assert.Equal(IntegrationState.Live, status.State);
        Assert.Equal((records.Count, records.Count, 0L, 0L), (status.RecordsReceived, status.RecordsApplied, status.RecordsHeld, status.RecordsRejected));
        Assert.Equal((records.Count + options.BatchSize - 1) / options.BatchSize, status.LastAppliedSequence);

        // Every record of every kind, with every field the export carries, read back once through staff's gRPC reads.
        await ExportComparison.AssertStateEqualsExportAsync(staff, headers, records);

        // The first data was announced to the clinic's Site Administrator through the outbox.
        var confirmations = await EmailsAsync("Your practice-management system is connected", minimum: 1);
        Assert.All(confirmations, text => Assert.Contains($"admin@{ClinicId}.example", text, StringComparison.Ordinal));
    }

    /// <summary>The .eml files in the pickup folder with <paramref name="subject"/>, once at least <paramref name="minimum"/> arrived.</summary>
    private async Task<List<string>> EmailsAsync(string subject, int minimum)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = Directory.Exists(PickupDirectory)
                ? Directory.GetFiles(PickupDirectory, "*.eml").Select(File.ReadAllText).Where(t => t.Contains(subject, StringComparison.Ordinal)).ToList()
                : [];
            if (found.Count >= minimum || attempt >= 600)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(_silo.Address);
        var admin = new ClinicAdmin.ClinicAdminClient(channel);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await admin.ListClinicsAsync(new ListClinicsRequest(), ClinicOnboarding.Bearer(ClinicOnboarding.InternalServiceKey));
                return;
            }
            catch (Exception) when (attempt < 1200)
            {
                // Starting: PostgreSQL, migrations, Kestrel. A hang guard bounds the wait, not a deadline on behaviour.
                await Task.Delay(100);
            }
        }
    }

    private static string Sha256(string value) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    /// <summary>Signals once the agent has seen the given number of batches acknowledged.</summary>
    private sealed class SignallingProgress(long acknowledgedBatches) : IProgress<AgentProgress>
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Report(AgentProgress value)
        {
            if (value.AcknowledgedBatches >= acknowledgedBatches)
            {
                _reached.TrySetResult();
            }
        }
    }
}
