using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors;
using VetActors.Actors.Testing;
using VetActors.Grains.Clients;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;
using VetActors.Grains.Sync;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>
/// Clinics for the portal: each created on <paramref name="start"/>'s manual clock with its PIMS and time zone, then
/// fed records through its sync grain as an agent would.
/// </summary>
public sealed class PortalCluster(DateTimeOffset start) : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public ManualTimeProvider Time => Cluster.TimeProvider;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        Cluster = await new TestClusterBuilder { TimeProvider = new ManualTimeProvider(start) }
            .AddGrainsFromAssembly(typeof(IClinicGrain).Assembly)
            .ConfigureServices(services => services
                .AddSingleton<IClinicNotifier>(new RecordingClinicNotifier())
                .AddSingleton<IOutbox, InMemoryOutbox>()
                .Configure<IdentityOptions>(o => o.PasswordHashIterations = 1_000))
            .BuildAndStartAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public Task<ClinicProfile> CreateClinicAsync(string clinicId, PimsKind pims, string timeZone = "America/Chicago") =>
        Grains.GetGrain<IClinicGrain>(GrainKeys.Clinic(clinicId)).CreateAsync(new NewClinic(
            new ClinicProfile(clinicId, "Riverside " + clinicId, "1 River Road", "+1 555 010 0199", "https://riverside.example", "Mon-Fri 8-18",
                timeZone, "+1 555 010 0100", pims, "P-" + clinicId),
            "front desk password 1"));

    /// <summary>A complete first import of <paramref name="records"/> into the clinic.</summary>
    public async Task ImportAsync(string clinicId, params PimsRecord[] records)
    {
        var sync = Grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync(clinicId));
        var session = await sync.ConnectAsync(new AgentHello("agent-1", "AVImark", "19.1", 0, true, null));
        var ack = await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(session.LastAppliedSequence + 1, records, EndOfImport: true));
        Assert.Empty(ack.Rejected);
    }

    public IClientGrain PimsClient(string clinicId, string pimsId) => Grains.GetGrain<IClientGrain>(GrainKeys.Client(clinicId, PimsSyncKeys.ClientIdFor(pimsId)));

    public IClinicSettingsGrain Settings(string clinicId) => Grains.GetGrain<IClinicSettingsGrain>(ClinicSettingsKeys.For(clinicId));
}
