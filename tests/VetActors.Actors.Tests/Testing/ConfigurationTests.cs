using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VetActors.Actors.Tests.Testing;

public sealed class ConfigurationTests
{
    [Fact]
    public void BindConfiguration_ReadsTheActorsSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Actors:ServiceId"] = "vet-prod",
            ["Actors:CallTimeout"] = "00:00:10",
            ["Actors:ClassSpecificCollectionAge:pet"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVetActors(actors => actors.BindConfiguration());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ActorRuntimeOptions>>().Value;

        Assert.Equal("vet-prod", options.ServiceId);
        Assert.Equal(TimeSpan.FromSeconds(10), options.CallTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClassSpecificCollectionAge["pet"]);
        Assert.Equal(TimeSpan.FromMinutes(15), options.CollectionAge);
    }
}
