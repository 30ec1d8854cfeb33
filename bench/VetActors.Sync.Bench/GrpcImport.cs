using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VetActors.PimsAgent;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.StaffSync.V1;
using VetActors.Rpc.Client;

namespace VetActors.Sync.Bench;

/// <summary>
/// The whole path: the silo executable over its embedded PostgreSQL, a clinic onboarded over gRPC, the reference
/// agent streaming a synthetic export into it, then staff searches over gRPC by 50 concurrent callers.
/// </summary>
internal static class GrpcImport
{
    private const int WarmUpSearchesEach = 20;

    public static async Task<int> RunAsync(int clients, int searchers, int searchesEach)
    {
        // Not CreateTempSubdirectory: its 0700 folder would shut out the 'postgres' user the embedded server runs as.
        var folder = Path.Combine(Path.GetTempPath(), "vetactors-sync-grpc-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var silo = new SiloProcess(Path.Combine(folder, "postgres"), new Dictionary<string, string>
        {
            ["VETACTORS__ApiSecurity__InternalServiceKeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ClinicOnboarding.InternalServiceKey))),
            ["VETACTORS__Outbox__PickupDirectory"] = Path.Combine(folder, "outbox"),
            ["VETACTORS__Outbox__PollInterval"] = "00:00:00.100",
            ["VETACTORS__Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            silo.Start();
            using var channel = GrpcChannel.ForAddress(silo.Address);
            await WaitUntilServingAsync(channel);
            var (agentToken, adminToken) = await ClinicOnboarding.OnboardAsync(channel.CreateCallInvoker(), "bench", Path.Combine(folder, "outbox"));
            using var export = new StringWriter();
            SyntheticExport.Write(export, clients, DateOnly.FromDateTime(DateTime.UtcNow));
            var records = ExportReader.Read(new StringReader(export.ToString())).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"export: {clients} clients, {records.Count(r => r.Patient is not null)} pets, {records.Count} records (appointments, reminders, vaccines, prescriptions included)"));

            var agent = new SyncAgent(channel.CreateCallInvoker,
                new AgentOptions { AgentId = "bench", ApiKey = agentToken, StatePath = Path.Combine(folder, "agent.state.json") },
                new Progress<AgentProgress>(), TimeProvider.System);
            var import = Stopwatch.StartNew();
            var result = await agent.RunAsync(records, "bench", CancellationToken.None);
            import.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"first import over gRPC: {result.Applied} applied, {result.Held} held, {result.Rejected} rejected in {import.Elapsed.TotalSeconds:F1} s ({records.Count / import.Elapsed.TotalSeconds:F0} records/s)"));

            var staff = new StaffSync.StaffSyncClient(channel);
            var headers = ClinicOnboarding.Bearer(adminToken);
            string[] queries = ["lee", "smith gr", "5550001234", "1234", "carla.garcia", "c000042", "nguyen", "priya", "tanaka hugo", "0099"];
            // Not measured: the first searches compile the search path in both processes and open the HTTP/2
            // streams' flow-control windows; the figure is for a silo that has served searches before.
            await Task.WhenAll(Enumerable.Range(0, searchers).Select(s => Task.Run(async () =>
            {
                for (var i = 0; i < WarmUpSearchesEach; i++)
                {
                    await staff.SearchClientsAsync(new SearchClientsRequest { Query = queries[(s + i) % queries.Length] }, headers);
                }
            })));
            var latencies = new double[searchers][];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, searchers).Select(s => Task.Run(async () =>
            {
                latencies[s] = new double[searchesEach];
                for (var i = 0; i < searchesEach; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await staff.SearchClientsAsync(new SearchClientsRequest { Query = queries[(s + i) % queries.Length] }, headers);
                    latencies[s][i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            })));
            clock.Stop();
            var all = latencies.SelectMany(l => l).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search over gRPC (after {WarmUpSearchesEach} unmeasured searches each): {all.Length} searches by {searchers} concurrent staff callers in {clock.Elapsed.TotalSeconds:F1} s; p50 {all[all.Length / 2]:F2} ms, p90 {all[(int)(all.Length * 0.9)]:F2} ms, p99 {all[(int)(all.Length * 0.99)]:F2} ms, max {all[^1]:F2} ms"));
            return 0;
        }
        finally
        {
            await silo.DisposeAsync();
            SiloProcess.StopOrphanedPostgres(Path.Combine(folder, "postgres"));
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitUntilServingAsync(GrpcChannel channel)
    {
        var admin = new VetActors.Protos.Admin.V1.ClinicAdmin.ClinicAdminClient(channel);
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
