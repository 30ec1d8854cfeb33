using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Testing;
using VetActors.Grains.Clinics;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;

namespace VetActors.Grains.Tests.Infrastructure;

/// <summary>A test cluster with the identity grains' services: an in-memory outbox and fast password hashing.</summary>
public static class IdentityCluster
{
    public static Task<TestCluster> StartAsync() =>
        new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(IClinicGrain).Assembly)
            .ConfigureServices(services =>
            {
                services.AddSingleton<IOutbox, InMemoryOutbox>();
                services.Configure<IdentityOptions>(o => o.PasswordHashIterations = 1_000);
            })
            .BuildAndStartAsync();
}
