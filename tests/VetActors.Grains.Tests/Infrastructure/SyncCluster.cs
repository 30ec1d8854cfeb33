using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Actors.Testing;
using VetActors.Grains.Clients;
using VetActors.Grains.Common;
using VetActors.Grains.Hosting;
using VetActors.Grains.Pets;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>A test cluster with the domain grains and helpers to speak the sync protocol to one clinic.</summary>
public sealed class SyncCluster(int indexCheckpointEntries = 8000) : IAsyncLifetime
{
    public const string ClinicId = "42";

    public RecordingClinicNotifier Notifier { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Staff search as the API runs it: from the published index, outside the sync grain's turns.</summary>
    public IClientSearch Search => Cluster.Services.GetRequiredService<IClientSearch>();

    public IPimsSyncGrain Sync => Cluster.GrainFactory.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(ClinicId));

    public ManualTimeProvider Time => Cluster.TimeProvider;

    public IClientGrain Client(string clientId) => Cluster.GrainFactory.GetGrain<IClientGrain>(GrainKeys.Client(ClinicId, clientId));

    public IPetGrain Pet(string petId) => Cluster.GrainFactory.GetGrain<IPetGrain>(GrainKeys.Pet(ClinicId, petId));

    /// <summary>The client a PIMS client landed in (no merge).</summary>
    public IClientGrain PimsClient(string pimsId) => Client(PimsSyncKeys.ClientIdFor(pimsId));

    public IPetGrain PimsPet(string pimsId) => Pet(PimsSyncKeys.PetIdFor(pimsId));

    public async Task InitializeAsync()
    {
        Cluster = await new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(IPimsSyncGrain).Assembly)
            .ConfigureServices(s => s.AddSingleton<IClinicNotifier>(Notifier)
                .Configure<PimsSyncOptions>(o => o.IndexCheckpointEntries = indexCheckpointEntries)
                .AddClientSearch())
            .BuildAndStartAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Connects an agent; <paramref name="fullImport"/> starts (or continues) a full import.</summary>
    public async Task<SessionStart> ConnectAsync(bool fullImport = true, long lastAcked = 0) =>
        await Sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", lastAcked, fullImport, null));

    /// <summary>Runs a complete first import of <paramref name="records"/> in one batch.</summary>
    public async Task<BatchAck> ImportAsync(params PimsRecord[] records)
    {
        var session = await ConnectAsync();
        return await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(session.LastAppliedSequence + 1, records, EndOfImport: true));
    }

    /// <summary>Sends one incremental batch (after the first import).</summary>
    public async Task<BatchAck> SendAsync(params PimsRecord[] records)
    {
        var session = await ConnectAsync(fullImport: false);
        return await Sync.ApplyBatchAsync(session.SessionId, new SyncBatch(session.LastAppliedSequence + 1, records));
    }
}
