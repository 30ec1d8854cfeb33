using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Reminders;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Testing;

/// <summary>
/// Builds a <see cref="TestCluster"/>: an in-process silo on a <see cref="ManualTimeProvider"/> with in-memory
/// storage and reminders that outlive restarts, unless <see cref="ConfigureServices"/> registers others (for
/// example PostgreSQL storage). No ports, no network.
/// </summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<ActorRuntimeOptions>> _options = [];
    private readonly List<Assembly> _assemblies = [];
    private readonly List<Type> _grainClasses = [];

    /// <summary>The cluster's clock; also reachable as <see cref="TestCluster.TimeProvider"/>.</summary>
    public ManualTimeProvider TimeProvider { get; set; } = new();

    /// <summary>The state store used when no other <see cref="IGrainStorage"/> is configured; shared by restarts.</summary>
    public InMemoryGrainStorage Storage { get; set; } = new();

    /// <summary>The reminder table used when no other <see cref="IReminderTable"/> is configured; shared by restarts.</summary>
    public InMemoryReminderTable ReminderTable { get; set; } = new();

    public TestClusterBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        _assemblies.Add(assembly);
        return this;
    }

    public TestClusterBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        _grainClasses.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Adds services to every silo built (called again on each restart).</summary>
    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public TestClusterBuilder ConfigureOptions(Action<ActorRuntimeOptions> configure)
    {
        _options.Add(configure);
        return this;
    }

    /// <summary>Builds the cluster and starts its silo.</summary>
    public async Task<TestCluster> BuildAndStartAsync(CancellationToken cancellationToken = default)
    {
        var cluster = new TestCluster(this);
        await cluster.StartAsync(cancellationToken);
        return cluster;
    }

    internal ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TimeProvider);
        foreach (var configure in _services)
        {
            configure(services);
        }

        if (!services.Any(d => d.ServiceType == typeof(IGrainStorage)))
        {
            services.AddSingleton<IGrainStorage>(Storage);
        }

        if (!services.Any(d => d.ServiceType == typeof(IReminderTable)))
        {
            services.AddSingleton<IReminderTable>(ReminderTable);
        }

        services.AddVetActors(actors =>
        {
            foreach (var assembly in _assemblies)
            {
                actors.AddGrainsFromAssembly(assembly);
            }

            actors.GrainClasses.AddRange(_grainClasses);
            foreach (var configure in _options)
            {
                actors.Configure(configure);
            }
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
