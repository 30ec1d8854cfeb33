using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VetActors.Actors.Postgres;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Tests.Postgres;

public sealed class PostgresDurabilityTests
{
    private const int Writers = 32;
    private const int CrashAfterAcknowledgedWrites = 2_000;

    [Fact]
    public async Task CrashAsync_DuringGroupCommittedWrites_EveryAcknowledgedWriteSurvivesRecovery()
    {
        var options = new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(PostgresTestServer.NewFolder("crash"), "data"),
            SyncAfterInit = false,
        };
        var ids = Enumerable.Range(0, Writers).Select(i => new GrainStateId("svc", "pet", $"clinic-1/pet/{i}", "state")).ToArray();
        var acknowledged = new long[Writers];

        var server = await EmbeddedPostgres.StartAsync(options);
        await using (var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(server.ConnectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
            var storage = new PostgresGrainStorage(
                dataSource, TimeProvider.System, NullLogger<PostgresGrainStorage>.Instance, Options.Create(new PostgresGrainStorageOptions()));
            var total = 0;
            Task? crash = null;

            async Task WriteUntilCrashAsync(int writer)
            {
                string? etag = null;
                for (var n = 1; n <= 100_000; n++)
                {
                    try
                    {
                        etag = await storage.WriteAsync(ids[writer], Payload(n), etag, CancellationToken.None);
                    }
                    catch (Exception) when (Volatile.Read(ref crash) is not null)
                    {
                        return;
                    }

                    acknowledged[writer] = long.Parse(etag, CultureInfo.InvariantCulture);
                    if (Interlocked.Increment(ref total) == CrashAfterAcknowledgedWrites)
                    {
                        // Writers keep going while the server goes down: writes acknowledged until the very end count too.
                        Volatile.Write(ref crash, Task.Run(() => server.CrashAsync(CancellationToken.None)));
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteUntilCrashAsync(w))));
            await crash!;
            await storage.DisposeAsync();
        }

        await using var recovered = await EmbeddedPostgres.StartAsync(options);
        await using var after = PostgresServiceCollectionExtensions.CreateDataSource(recovered.ConnectionString);
        var reader = new PostgresGrainStorage(
            after, TimeProvider.System, NullLogger<PostgresGrainStorage>.Instance, Options.Create(new PostgresGrainStorageOptions()));
        Assert.True(acknowledged.Sum() >= CrashAfterAcknowledgedWrites);
        for (var i = 0; i < Writers; i++)
        {
            var stored = await reader.ReadAsync(ids[i], CancellationToken.None);
            Assert.NotNull(stored);
            var version = long.Parse(stored.Etag, CultureInfo.InvariantCulture);

            // Each writer has one write in flight at most: it may have committed without being acknowledged.
            Assert.InRange(version, acknowledged[i], acknowledged[i] + 1);
            using var payload = JsonDocument.Parse(stored.Payload!.Value);
            Assert.Equal(version, payload.RootElement.GetProperty("n").GetInt64());
        }

        await reader.DisposeAsync();
    }

    private static ReadOnlyMemory<byte> Payload(int n) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"n":{{n}},"note":"weight 31.5 kg"}"""));
}
