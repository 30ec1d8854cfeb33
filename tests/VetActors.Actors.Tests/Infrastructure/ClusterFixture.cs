using VetActors.Actors.Testing;

namespace VetActors.Actors.Tests.Infrastructure;

/// <summary>Builds test clusters with this assembly's grains and a shared probe for grains to report to.</summary>
internal static class Clusters
{
    internal static TestClusterBuilder Builder(Probe? probe = null) =>
        new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(Clusters).Assembly)
            .ConfigureServices(services => services.AddSingletonProbe(probe ?? new Probe()));

    internal static Task<TestCluster> StartAsync(Probe? probe = null, Action<ActorRuntimeOptions>? options = null)
    {
        var builder = Builder(probe);
        if (options is not null)
        {
            builder.ConfigureOptions(options);
        }

        return builder.BuildAndStartAsync();
    }

    private static void AddSingletonProbe(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, Probe probe) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, probe);
}
