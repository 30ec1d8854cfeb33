using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VetActors.Actors;
using VetActors.Actors.Postgres;
using VetActors.Grains.Common;
using VetActors.Grains.Hosting;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.Sync.Bench;

// First import of a synthetic clinic through the sync grain into the embedded PostgreSQL (every grain write
// durable before its batch is acknowledged), then the visibility of an incremental change, then staff search
// latency with 50 concurrent searchers. Usage: [clients=10000] [batch=1000] [searchers=50] [searches-each=200]
// With "grpc" first, the same through the reference agent and the silo executable over gRPC, searches in rounds of
// a fixed length: grpc [clients=10000] [searchers=50] [seconds-per-round=5] [rounds=3]
if (args.Length > 0 && args[0] == "grpc")
{
    return await GrpcImport.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3);
}

var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var batchSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var searchers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var searchesEach = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;

var dataDirectory = Path.Combine(Path.GetTempPath(), $"vetactors-sync-bench-{Guid.NewGuid():N}");
await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDirectory, Database = "bench" });
await using var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(server.ConnectionString);
await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddPostgresGrainStorage(dataSource).AddPostgresReminders(dataSource);
builder.Services.AddSingleton<IClinicNotifier, CountingNotifier>();
builder.Services.AddClientSearch();
builder.Services.AddVetActors(actors => actors.AddGrainsFromAssembly(typeof(IPimsSyncGrain).Assembly));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var sync = grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("1"));

var records = SyntheticClinic.Generate(clients).ToList();
var batches = records.Chunk(batchSize).ToList();
var pets = records.Count(r => r.Kind == PimsRecordKind.Patient);
Console.WriteLine($"clinic: {clients} clients, {pets} pets, {records.Count} records in {batches.Count} batches of {batchSize}");

var session = await sync.ConnectAsync(new AgentHello("bench", "AVImark", "19", 0, true, records.Count));
var import = Stopwatch.StartNew();
for (var i = 0; i < batches.Count; i++)
{
    var ack = await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(i + 1, batches[i], EndOfImport: i == batches.Count - 1));
    if (ack.Held.Count + ack.Rejected.Count > 0)
    {
        throw new InvalidOperationException($"batch {i + 1}: {ack.Held.Count} held, {ack.Rejected.Count} rejected");
    }
}

import.Stop();
var status = await sync.GetStatusAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"first import: {status.Progress.Applied} records applied in {import.Elapsed.TotalSeconds:F1} s ({status.Progress.Applied / import.Elapsed.TotalSeconds:F0} records/s), state {status.State}"));

// An incremental change: from sending the batch to reading it back from the pet grain.
var pet = grains.GetGrain<IPetGrain>(GrainKeys.Pet("1", PimsSyncKeys.PetIdFor("P0000000")));
var change = new PimsRecord(PimsRecordKind.Patient, "P0000000", 2)
{
    Patient = (await Original("P0000000")).Patient! with { Weight = 31.5m, WeightDate = new DateOnly(2025, 12, 1) },
};
var visible = Stopwatch.StartNew();
await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(batches.Count + 1, [change]));
var weight = (await pet.GetProfileAsync()).Signalment.Weight!.Value;
visible.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incremental change: weight {weight} visible {visible.Elapsed.TotalMilliseconds:F1} ms after the batch was sent (ack included)"));

// Staff search as StaffSync runs it (the clinic's published index, outside the sync grain's turns): 50 concurrent
// searchers over last names, phone suffixes, emails and PIMS ids.
var search = host.Services.GetRequiredService<IClientSearch>();
string[] queries = ["lee", "smith gr", "5550001234", "1234", "carla.garcia", "c000042", "nguyen", "priya", "tanaka hugo", "0099"];
var sequential = Stopwatch.StartNew();
for (var i = 0; i < 1000; i++)
{
    await search.SearchAsync("1", queries[i % queries.Length], 20);
}

sequential.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search, one searcher: {sequential.Elapsed.TotalMilliseconds / 1000:F3} ms per search"));
var latencies = new List<double>[searchers];
var searchClock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, searchers).Select(s => Task.Run(async () =>
{
    latencies[s] = new List<double>(searchesEach);
    for (var i = 0; i < searchesEach; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await search.SearchAsync("1", queries[(s + i) % queries.Length], 20);
        latencies[s].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
})));
searchClock.Stop();
var all = latencies.SelectMany(l => l).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"search: {all.Length} searches by {searchers} concurrent searchers in {searchClock.Elapsed.TotalSeconds:F1} s; p50 {all[all.Length / 2]:F2} ms, p99 {all[(int)(all.Length * 0.99)]:F2} ms, max {all[^1]:F2} ms"));

await host.StopAsync();
await server.StopAsync(CancellationToken.None);
Directory.Delete(dataDirectory, recursive: true);
return 0;

Task<PimsRecord> Original(string id) => Task.FromResult(records.First(r => r.Id == id));

/// <summary>The bench has no outbox: it only counts what the sync hands over.</summary>
internal sealed class CountingNotifier : IClinicNotifier
{
    private int _sent;

    public int Sent => _sent;

    public Task SendAsync(ClinicNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return Task.CompletedTask;
    }
}
