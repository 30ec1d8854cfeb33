using System.Text;
using VetActors.Actors.Storage;
using VetActors.Actors.Testing;
using VetActors.Actors.Tests.Infrastructure;

namespace VetActors.Actors.Tests.Persistence;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task WriteState_ThenRestart_StateIsLoadedBeforeOnActivate()
    {
        var probe = new Probe();
        var builder = Clusters.Builder(probe);
        var cluster = await builder.BuildAndStartAsync();
        await cluster.GrainFactory.GetGrain<IPetGrain>("clinic-1/pet/9").RecordVisitAsync();
        await cluster.GrainFactory.GetGrain<IPetGrain>("clinic-1/pet/9").RecordVisitAsync();

        await cluster.RestartAsync();

        var state = await cluster.GrainFactory.GetGrain<IPetGrain>("clinic-1/pet/9").GetAsync();
        Assert.Equal(2, state.Visits);
        Assert.Equal(["activate clinic-1/pet/9 visits=0", "activate clinic-1/pet/9 visits=2"], probe.Events);
        await cluster.StopAsync();
    }

    [Fact]
    public async Task StorageKey_IsReadableServiceTypeKeyAndStateName()
    {
        var builder = Clusters.Builder().ConfigureOptions(o => o.ServiceId = "vet-test");
        await using var cluster = await builder.BuildAndStartAsync();

        await cluster.GrainFactory.GetGrain<IPetGrain>("clinic-42/pet/1733").RenameAsync("Rex");

        var record = await builder.Storage.ReadAsync(new GrainStateId("vet-test", "pet", "clinic-42/pet/1733", "profile"), CancellationToken.None);
        Assert.NotNull(record);
        var json = Encoding.UTF8.GetString(record.Payload!.Value.Span);
        Assert.Contains("\"format\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"Rex\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_PayloadWithoutANewerField_LoadsWithTheFieldDefaulted()
    {
        var builder = Clusters.Builder();
        var id = new GrainStateId("vetactors", "pet", "old", "profile");
        var oldRow = Encoding.UTF8.GetBytes("{\"format\":1,\"type\":\"PetState\",\"state\":{\"Name\":\"Bella\",\"Retired\":true}}");
        await builder.Storage.WriteAsync(id, oldRow, null, CancellationToken.None);
        await using var cluster = await builder.BuildAndStartAsync();

        var state = await cluster.GrainFactory.GetGrain<IPetGrain>("old").GetAsync();

        Assert.Equal("Bella", state.Name);
        Assert.Equal(0, state.Visits);
        Assert.Empty(state.Vaccines);
    }

    [Fact]
    public async Task ClearState_ResetsStateAndKeepsTheVersionIncreasing()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IPetGrain>("cleared");
        await grain.RenameAsync("Milo");

        await grain.ClearAsync();

        var (etag, exists) = await grain.GetStorageInfoAsync();
        Assert.Equal("2", etag);
        Assert.False(exists);
        Assert.Equal("", (await grain.GetAsync()).Name);
        await grain.RenameAsync("Milo again");
        Assert.Equal("3", (await grain.GetStorageInfoAsync()).Etag);
    }

    [Fact]
    public async Task TwoWritersWithAStaleEtag_ExactlyOneConflictAndNoLostUpdate()
    {
        // Two silos over one store each hold an activation of the same grain, both having read version 1:
        // the split-brain case that ETags fence.
        var storage = new InMemoryGrainStorage();
        var first = await Clusters.Builder(new Probe()).ConfigureServices(s => s.AddStorage(storage)).BuildAndStartAsync();
        var second = await Clusters.Builder(new Probe()).ConfigureServices(s => s.AddStorage(storage)).BuildAndStartAsync();
        var inFirst = first.GrainFactory.GetGrain<IPetGrain>("contested");
        var inSecond = second.GrainFactory.GetGrain<IPetGrain>("contested");
        await inFirst.RecordVisitAsync();
        Assert.Equal(1, (await inSecond.GetAsync()).Visits);

        var outcomes = await Task.WhenAll(Attempt(inFirst), Attempt(inSecond));

        var conflict = Assert.Single(outcomes, o => o is not null);
        Assert.IsType<InconsistentStateException>(conflict);
        var loser = outcomes[0] is null ? inSecond : inFirst;

        // The loser's activation was dropped, so its next call reloads and builds on the winner's write.
        Assert.Equal(3, await loser.RecordVisitAsync());
        Assert.Equal(2, await loser.ActivationCountAsync());
        var stored = await storage.ReadAsync(new GrainStateId("vetactors", "pet", "contested", "profile"), CancellationToken.None);
        Assert.Equal("3", stored!.Etag);
        Assert.Contains("\"Visits\":3", System.Text.Encoding.UTF8.GetString(stored.Payload!.Value.Span), StringComparison.Ordinal);
        await first.StopAsync();
        await second.StopAsync();

        static async Task<Exception?> Attempt(IPetGrain grain)
        {
            try
            {
                await grain.RecordVisitAsync();
                return null;
            }
            catch (InconsistentStateException e)
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task InconsistentStateException_EscapingAGrainCall_DeactivatesTheActivation()
    {
        var builder = Clusters.Builder();
        await using var cluster = await builder.BuildAndStartAsync();
        var grain = cluster.GrainFactory.GetGrain<IPetGrain>("stale");
        await grain.RenameAsync("Luna");

        // Another writer moves the row on behind the activation's back.
        var id = new GrainStateId("vetactors", "pet", "stale", "profile");
        var current = await builder.Storage.ReadAsync(id, CancellationToken.None);
        await builder.Storage.WriteAsync(id, current!.Payload!.Value, current.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.RenameAsync("Nova"));

        await grain.RenameAsync("Nova");
        Assert.Equal(2, await grain.ActivationCountAsync());
        Assert.Equal("Nova", (await grain.GetAsync()).Name);
    }

    [Fact]
    public async Task ReadFailure_FailsTheActivationAndTheCall()
    {
        var builder = Clusters.Builder().ConfigureServices(s => s.AddStorage(new FailingStorage()));
        await using var cluster = await builder.BuildAndStartAsync();

        var error = await Assert.ThrowsAsync<IOException>(() => cluster.GrainFactory.GetGrain<IPetGrain>("unreadable").GetAsync());

        Assert.Equal("disk on fire", error.Message);
        Assert.Equal(0, cluster.ActivationCount);
    }

    private sealed class FailingStorage : IGrainStorage
    {
        public Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken) => throw new IOException("disk on fire");

        public Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken) =>
            throw new IOException("disk on fire");

        public Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken) => throw new IOException("disk on fire");
    }
}

internal static class StorageRegistration
{
    internal static void AddStorage(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, IGrainStorage storage) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, storage);
}

public sealed class PersistentStateRestartTests
{
    [Fact]
    public async Task ClearState_ThenRestart_LoadsANewStateWithoutRecord()
    {
        var builder = Clusters.Builder();
        var cluster = await builder.BuildAndStartAsync();
        var grain = cluster.GrainFactory.GetGrain<IPetGrain>("gone");
        await grain.RenameAsync("Oscar");
        await grain.ClearAsync();

        await cluster.RestartAsync();

        var restarted = cluster.GrainFactory.GetGrain<IPetGrain>("gone");
        Assert.Equal("", (await restarted.GetAsync()).Name);
        Assert.Equal(("2", false), await restarted.GetStorageInfoAsync());
        await cluster.StopAsync();
    }
}
