using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VetActors.Actors.Postgres;
using VetActors.Actors.Storage;
using VetActors.Storage.Bench;

// Durable grain-state writes per second: N writers, each owning one state row, each write fenced on the ETag it
// got from the previous one and acknowledged only after PostgreSQL committed it (fsync and synchronous_commit on).
var options = BenchOptions.Parse(args);
var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"vetactors-bench-{Guid.NewGuid():N}");
await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
{
    DataDirectory = dataDirectory,
    Database = "bench",
    CommitDelayMicroseconds = options.CommitDelayMicroseconds,
    MaxConnections = Math.Max(120, options.Writers + 20),
});
await using var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(
    new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = options.Writers + 4 }.ConnectionString);
await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
await using var postgresStorage = new PostgresGrainStorage(
    dataSource, TimeProvider.System, NullLogger<PostgresGrainStorage>.Instance,
    Options.Create(new PostgresGrainStorageOptions { MaxBatchSize = options.MaxBatchSize, MaxConcurrentBatches = options.ConcurrentBatches }));
IGrainStorage storage = postgresStorage;

var run = Guid.NewGuid().ToString("N");
var writers = Enumerable.Range(0, options.Writers)
    .Select(i => new StateWriter(storage, new GrainStateId($"bench-{run}", "pet", $"clinic-1/pet/{i}", "profile"), options.PayloadBytes))
    .ToArray();
foreach (var writer in writers)
{
    await writer.CreateAsync();
}

var settings = new List<string>();
foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method", "commit_delay", "commit_siblings" })
{
    settings.Add($"{setting}={await ScalarAsync($"SHOW {setting}")}");
}

Console.WriteLine($"PostgreSQL {string.Join(", ", settings)}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Writers} writers, {options.PayloadBytes}-byte payloads, batches of up to {options.MaxBatchSize} x {options.ConcurrentBatches} in flight, " +
    $"warm-up {options.Warmup.TotalSeconds}s, measured {options.Duration.TotalSeconds}s"));

await RunPhaseAsync(options.Warmup);
foreach (var writer in writers)
{
    writer.ResetCounters();
}

var stopwatch = Stopwatch.StartNew();
await RunPhaseAsync(options.Duration);
stopwatch.Stop();

var total = writers.Sum(w => w.Completed);
var latencies = writers.SelectMany(w => w.LatenciesMicroseconds).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{total} writes in {stopwatch.Elapsed.TotalSeconds:F1}s = {total / stopwatch.Elapsed.TotalSeconds:F0} durable writes/s; " +
    $"latency p50 {Percentile(latencies, 0.50) / 1000.0:F2} ms, p99 {Percentile(latencies, 0.99) / 1000.0:F2} ms, max {latencies[^1] / 1000.0:F2} ms"));

// Every acknowledged write must be the stored one: the last ETag each writer got is the row's version.
foreach (var writer in writers)
{
    await writer.VerifyAsync();
}

Console.WriteLine("verified: every row holds its writer's last acknowledged version");
if (options.DataDirectory is null)
{
    await server.StopAsync(CancellationToken.None);
    Directory.Delete(dataDirectory, recursive: true);
}

return 0;

async Task RunPhaseAsync(TimeSpan length)
{
    using var stop = new CancellationTokenSource(length);
    await Task.WhenAll(writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))));
}

async Task<string> ScalarAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (string)(await command.ExecuteScalarAsync())!;
}

static long Percentile(long[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

/// <summary>One grain's state, written over and over with the ETag of its previous write.</summary>
internal sealed class StateWriter(IGrainStorage storage, GrainStateId id, int payloadBytes)
{
    private string? _etag;
    private long _counter;

    public long Completed { get; private set; }

    public List<long> LatenciesMicroseconds { get; } = new(capacity: 1 << 16);

    public async Task CreateAsync() => _etag = await storage.WriteAsync(id, Payload(), null, CancellationToken.None);

    public void ResetCounters()
    {
        Completed = 0;
        LatenciesMicroseconds.Clear();
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            _etag = await storage.WriteAsync(id, Payload(), _etag, CancellationToken.None);
            LatenciesMicroseconds.Add((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            Completed++;
        }
    }

    public async Task VerifyAsync()
    {
        var stored = await storage.ReadAsync(id, CancellationToken.None);
        if (stored?.Etag != _etag)
        {
            throw new InvalidOperationException($"{id.GrainKey}: stored version {stored?.Etag}, last acknowledged {_etag}.");
        }
    }

    private ReadOnlyMemory<byte> Payload()
    {
        _counter++;
        var filler = new string('x', Math.Max(0, payloadBytes - 64));
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"v":1,"counter":{{_counter}},"name":"Rex","notes":"{{filler}}"}"""));
    }
}
