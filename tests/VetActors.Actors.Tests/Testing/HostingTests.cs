using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VetActors.Actors.Tests.Calls;
using VetActors.Actors.Testing;

namespace VetActors.Actors.Tests.Testing;

public sealed class HostingTests
{
    [Fact]
    public async Task AddVetActors_InAGenericHost_ServesGrainCalls()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new Infrastructure.Probe());
        builder.Services.AddVetActors(actors => actors
            .AddGrainsFromAssembly(typeof(HostingTests).Assembly)
            .Configure(o => o.ServiceId = "hosting-test"));
        using var host = builder.Build();

        await host.StartAsync();
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICallTargetGrain>("h");
        var value = await grain.IncrementAsync();
        await host.StopAsync();

        Assert.Equal(1, value);
    }

    [Fact]
    public async Task InvalidOptions_FailStartWithTheReason()
    {
        var builder = new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(HostingTests).Assembly)
            .ConfigureOptions(o =>
            {
                o.ServiceId = "";
                o.CallTimeout = TimeSpan.Zero;
            });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => builder.BuildAndStartAsync());

        Assert.Contains("ServiceId", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppedCluster_RefusesNewActivations()
    {
        var cluster = await new TestClusterBuilder().AddGrainsFromAssembly(typeof(HostingTests).Assembly)
            .ConfigureServices(s => s.AddSingleton(new Infrastructure.Probe()))
            .BuildAndStartAsync();
        var factory = cluster.GrainFactory;

        await cluster.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => factory.GetGrain<ICallTargetGrain>("late").IncrementAsync());
    }
}
