using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

public sealed class ResumeAfterCrashTests : IAsyncLifetime
{
    // A small checkpoint threshold, so the crash lands between index checkpoints and the log replay is exercised.
    private readonly SyncCluster _c = new(indexCheckpointEntries: 25);

    public Task InitializeAsync() => _c.InitializeAsync();

    public Task DisposeAsync() => _c.DisposeAsync();

    private static List<PimsRecord[]> Export(int clients, int batchSize)
    {
        var records = new List<PimsRecord>();
        for (var i = 0; i < clients; i++)
        {
            records.Add(Client($"c{i}", email: $"owner{i}@example.com"));
            records.Add(Patient($"p{i}a", $"c{i}", weight: 10m + i));
            records.Add(Patient($"p{i}b", $"c{i}", name: "Luna", weight: 3m));
        }

        return [.. records.Chunk(batchSize)];
    }

    [Fact]
    public async Task Import_SiloKilledMidBatchThenResumed_FinalStateEqualsExportNothingDoubled()
    {
        var batches = Export(clients: 40, batchSize: 12);
        var session = await _c.ConnectAsync();
        for (var i = 0; i < 4; i++)
        {
            await _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(i + 1, batches[i]));
        }

        // Batch 5 is in flight when the silo dies: some of its grains may be written, its ack never is.
        var inFlight = _c.Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(5, batches[4]));
        await _c.Cluster.KillAsync();
        _ = inFlight.ContinueWith(t => t.Exception, TaskScheduler.Default);
        await _c.Cluster.StartAsync();

        var resumed = await _c.ConnectAsync(lastAcked: 4);
        for (var sequence = resumed.LastAppliedSequence + 1; sequence <= batches.Count; sequence++)
        {
            var ack = await _c.Sync.ApplyBatchAsync(resumed.SessionId, new SyncBatch(sequence, batches[(int)sequence - 1], sequence == batches.Count));
            Assert.Empty(ack.Rejected);
            Assert.Empty(ack.Held);
        }

        for (var i = 0; i < 40; i++)
        {
            var client = await _c.PimsClient($"c{i}").GetProfileAsync();
            Assert.Equal($"owner{i}@example.com", client.Details.Email);
            var pets = await _c.PimsClient($"c{i}").GetPetsAsync();
            Assert.Equal([$"p-p{i}a", $"p-p{i}b"], pets.Select(p => p.PetId).Order(StringComparer.Ordinal));
            Assert.Equal([10m + i], pets.Single(p => p.PetId == $"p-p{i}a").WeightHistory.Select(w => w.Value));
        }

        var status = await _c.Sync.GetStatusAsync();
        Assert.Equal(IntegrationState.Live, status.State);
        Assert.Equal(40, (await _c.Sync.SearchClientsAsync("owner", 100)).Clients.Count);
        Assert.Empty(await _c.Sync.GetReviewQueueAsync(true));
    }
}
