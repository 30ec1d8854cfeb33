using System.Diagnostics;
using System.Globalization;
using VetActors.Bench.Shared;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.StaffSync.V1;

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
        await using var clinic = await SyntheticClinicSilo.StartAsync("sync-grpc-bench", "bench");
        var (records, result, elapsed) = await clinic.ImportAsync(clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: {clients} clients, {records.Count(r => r.Patient is not null)} pets, {records.Count} records (appointments, reminders, vaccines, prescriptions included)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first import over gRPC: {result.Applied} applied, {result.Held} held, {result.Rejected} rejected in {elapsed.TotalSeconds:F1} s ({records.Count / elapsed.TotalSeconds:F0} records/s)"));

        var staff = new StaffSync.StaffSyncClient(clinic.Channel);
        var headers = ClinicOnboarding.Bearer(clinic.AdminToken);
        string[] queries = ["lee", "smith gr", "5550001234", "1234", "carla.garcia", "c000042", "nguyen", "priya", "tanaka hugo", "0099"];

        // Not measured: the first searches compile the search path in both processes and open the HTTP/2 streams'
        // flow-control windows; the figure is for a silo that has served searches before.
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
}
