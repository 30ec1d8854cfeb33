using System.Diagnostics;
using System.Globalization;
using VetActors.Bench.Shared;
using VetActors.PimsAgent.Tests.Infrastructure;
using VetActors.Protos.StaffSync.V1;

namespace VetActors.Sync.Bench;

/// <summary>
/// The whole path: the silo executable over its embedded PostgreSQL, a clinic onboarded over gRPC, the reference
/// agent streaming a synthetic export into it, incremental changes read back by staff and the owner, then staff
/// searches over gRPC by 50 concurrent callers in a closed loop, measured in rounds of fixed length.
/// </summary>
internal static class GrpcImport
{
    private static readonly string[] Queries = ["lee", "smith gr", "5550001234", "1234", "carla.garcia", "c000042", "nguyen", "priya", "tanaka hugo", "0099"];

    public static async Task<int> RunAsync(int clients, int searchers, int seconds, int rounds)
    {
        await using var clinic = await SyntheticClinicSilo.StartAsync("sync-grpc-bench", "bench");
        var (records, result, elapsed) = await clinic.ImportAsync(clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: {clients} clients, {records.Count(r => r.Patient is not null)} pets, {records.Count} records (appointments, reminders, vaccines, prescriptions included)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first import over gRPC: {result.Applied} applied, {result.Held} held, {result.Rejected} rejected in {elapsed.TotalSeconds:F1} s ({records.Count / elapsed.TotalSeconds:F0} records/s)"));

        await ChangeVisibility.RunAsync(clinic, records, 20);

        var staff = new StaffSync.StaffSyncClient(clinic.Channel);
        var headers = ClinicOnboarding.Bearer(clinic.AdminToken);

        // Reported apart: the first searches compile the search path in both processes and open the HTTP/2 streams'
        // flow-control windows, while the silo still collects the import's garbage; the rounds are for a silo that
        // has served searches before.
        var first = await SearchAsync(staff, headers, searchers, TimeSpan.FromSeconds(3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search over gRPC, the first 3 s after the import (warm-up): {first.Length} searches; {Summary(first)}"));
        var all = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
            var clock = Stopwatch.StartNew();
            var latencies = await SearchAsync(staff, headers, searchers, TimeSpan.FromSeconds(seconds));
            all.AddRange(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search over gRPC, round {round}: {latencies.Length} searches by {searchers} concurrent staff callers in {clock.Elapsed.TotalSeconds:F1} s " +
                $"({latencies.Length / clock.Elapsed.TotalSeconds:F0}/s); {Summary(latencies)} (load average before: {load})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search over gRPC, all {rounds} rounds: {all.Count} searches; {Summary(all.Order().ToArray())}"));
        return 0;
    }

    /// <summary>Each searcher searches back to back until <paramref name="duration"/> is up; every latency, sorted.</summary>
    private static async Task<double[]> SearchAsync(StaffSync.StaffSyncClient staff, Grpc.Core.Metadata headers, int searchers, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = await Task.WhenAll(Enumerable.Range(0, searchers).Select(s => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await staff.SearchClientsAsync(new SearchClientsRequest { Query = Queries[(s + i) % Queries.Length] }, headers);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        })));
        return latencies.SelectMany(l => l).Order().ToArray();
    }

    private static string Summary(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {At(sorted, 0.50):F2} ms, p90 {At(sorted, 0.90):F2} ms, p99 {At(sorted, 0.99):F2} ms, p99.9 {At(sorted, 0.999):F2} ms, max {sorted[^1]:F2} ms");

    private static double At(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
}
