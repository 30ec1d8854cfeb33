using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Storage;
using VetActors.Actors.Testing;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;
using VetActors.Grains.Tests.Infrastructure;
using static VetActors.Grains.Tests.Infrastructure.Records;

namespace VetActors.Grains.Tests.Sync;

/// <summary>A staff action whose audit entry could not be written is kept, and its entry reaches the log once, at the grain's next activation.</summary>
public sealed class StaffActionAuditDurabilityTests : IAsyncLifetime
{
    private const string Clinic = "42";
    private readonly FailingStorage _storage = new();
    private TestCluster _cluster = null!;

    private IPimsSyncGrain Sync => _cluster.GrainFactory.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(Clinic));

    private IPetGrain Pet => _cluster.GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(Clinic, PimsSyncKeys.PetIdFor("p1")));

    public async Task InitializeAsync()
    {
        _cluster = await new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(IPimsSyncGrain).Assembly)
            .ConfigureServices(s => s.AddSingleton<IGrainStorage>(_storage).AddSingleton<IClinicNotifier>(new RecordingClinicNotifier()))
            .BuildAndStartAsync();
        var session = await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, true, null));
        await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, [Client("c1"), Patient("p1", "c1", name: "Rex")], EndOfImport: true));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() => await AuditLog.For(_cluster.GrainFactory, Clinic).ReadAsync(0, 500);

    private async Task RestartAsync()
    {
        await _cluster.KillAsync();
        await _cluster.StartAsync();
    }

    [Fact]
    public async Task RenamePet_AuditLogWriteFails_RenameKeptAndAuditedOnceAfterRestart()
    {
        _storage.FailNextWriteOf = "/audit/log";
        await Assert.ThrowsAnyAsync<Exception>(() => Pet.RenameAsync("Max", "Owner's request", "staff-7"));

        await RestartAsync();
        Assert.Equal("Max", (await Pet.GetProfileAsync()).Signalment.Name);
        await RestartAsync();
        await Pet.GetProfileAsync();

        var entry = Assert.Single(await AuditAsync(), e => e.Action == "pet.renamed");
        Assert.Equal(("staff:staff-7", "Rex"), (entry.Actor, entry.Before));
    }

    [Fact]
    public async Task RequestResync_AuditLogWriteFails_RequestKeptAndAuditedOnceAfterRestart()
    {
        _storage.FailNextWriteOf = "/audit/log";
        await Assert.ThrowsAnyAsync<Exception>(() => Sync.RequestResyncAsync("staff-7"));

        await RestartAsync();
        var session = await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 1, false, null));
        await RestartAsync();
        await Sync.GetStatusAsync();

        Assert.True(session.ResyncRequested);
        Assert.Single(await AuditAsync(), e => e.Action == "sync.resync_requested");
    }
}
