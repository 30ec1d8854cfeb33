using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VetActors.Actors;
using VetActors.Actors.Postgres;
using VetActors.Grains.Common;
using VetActors.Grains.Payments;
using VetActors.Payments.Bench;

// One clinic's payment account over embedded PostgreSQL: N collections, every other one refunded in part right after
// it, with C operations in flight. Prints throughput per 1,000-operation slice (flat when a write's cost does not
// grow with the ledger's history), p50/p99 per operation kind, and the stored document sizes.
// Usage: [collections (5000)] [in flight (16)]
var collections = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
var inFlight = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
const string Clinic = "bench";
const int Slice = 1_000;

var dataDirectory = Path.Combine(Path.GetTempPath(), $"vetactors-payments-bench-{Guid.NewGuid():N}");
await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDirectory, Database = "bench", MaxConnections = 60 });
await using var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(
    new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = 40 }.ConnectionString);
await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);

var services = new ServiceCollection()
    .AddSingleton(TimeProvider.System)
    .AddSingleton<IPaymentStaffDirectory, EveryoneRefunds>()
    .AddPayments()
    .AddPostgresGrainStorage(dataSource)
    .AddVetActors(actors => actors.AddGrainsFromAssembly(typeof(IPaymentAccountGrain).Assembly))
    .BuildServiceProvider();
var hosted = services.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

var account = services.GetRequiredService<IGrainFactory>().GetGrain<IPaymentAccountGrain>(GrainKeys.PaymentAccount(Clinic));
var done = new ConcurrentQueue<(long At, string Kind, double Ms)>();
var clock = Stopwatch.StartNew();
Console.WriteLine($"{collections} collections, every other one refunded in part, {inFlight} in flight, embedded PostgreSQL");

await Parallel.ForEachAsync(Enumerable.Range(0, collections), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, _) =>
{
    var key = string.Create(CultureInfo.InvariantCulture, $"c-{i}");
    var started = clock.ElapsedTicks;
    var paid = await account.CollectAsync(new CollectPayment(key, Usd(1_000 + i), null, "INV-" + key, "bench", "tok_bench", "4242", "staff:bench"));
    Record("collect", started);
    if (i % 2 == 0)
    {
        started = clock.ElapsedTicks;
        await account.RequestRefundAsync(new RequestRefund("r-" + key, paid.PaymentId, Usd(300), RefundReason.RequestedByClient, null, "refunder"));
        Record("refund", started);
    }
});

var ops = done.OrderBy(d => d.At).ToArray();
Console.WriteLine($"{ops.Length} operations in {clock.Elapsed.TotalSeconds:F1} s");
for (var s = 0; s * Slice < ops.Length; s++)
{
    var first = s == 0 ? 0 : ops[(s * Slice) - 1].At;
    var last = ops[Math.Min(ops.Length, (s + 1) * Slice) - 1].At;
    var count = Math.Min(ops.Length, (s + 1) * Slice) - (s * Slice);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  operations {(s * Slice) + 1,5}-{(s * Slice) + count,5}: {count / Stopwatch.GetElapsedTime(0, last - first).TotalSeconds,7:F0} ops/s"));
}

foreach (var kind in new[] { "collect", "refund" })
{
    var latencies = ops.Where(o => o.Kind == kind).Select(o => o.Ms).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{kind,-8} n={latencies.Length}: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms"));
}

var check = await account.CheckAsync();
Console.WriteLine($"ledger check: {check.EntryCount} entries, {(check.IsConsistent ? "consistent" : string.Join("; ", check.Problems))}");
await using (var command = dataSource.CreateCommand(
    "SELECT grain_type, count(*), max(octet_length(payload::text)) FROM vetactors_grain_state WHERE grain_key LIKE $1 GROUP BY grain_type ORDER BY grain_type"))
{
    command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = "%" + Clinic + "/%" });
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {reader.GetString(0)}: {reader.GetInt64(1)} documents, largest {reader.GetInt32(2):N0} bytes"));
    }
}

for (var i = hosted.Count - 1; i >= 0; i--)
{
    await hosted[i].StopAsync(CancellationToken.None);
}

await services.DisposeAsync();
await server.StopAsync(CancellationToken.None);
Directory.Delete(dataDirectory, recursive: true);
return check.IsConsistent ? 0 : 1;

void Record(string kind, long started) =>
    done.Enqueue((clock.ElapsedTicks, kind, Stopwatch.GetElapsedTime(0, clock.ElapsedTicks - started).TotalMilliseconds));

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

static Money Usd(long cents) => new(cents, "USD");
