using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Internal.Server;

namespace VetActors.Rpc.Tests.Internal.Server;

public sealed class ServiceLifetimesTests
{
    [Fact]
    public void IsSingleton_SingletonRegistration_True()
    {
        var services = new ServiceCollection().AddSingleton<Clock>();

        Assert.True(new ServiceLifetimes(services).IsSingleton(typeof(Clock)));
    }

    [Fact]
    public void IsSingleton_LaterScopedRegistration_FalseBecauseTheLastOneWins()
    {
        var services = new ServiceCollection().AddSingleton<Clock>().AddScoped<Clock>();

        Assert.False(new ServiceLifetimes(services).IsSingleton(typeof(Clock)));
    }

    [Fact]
    public void IsSingleton_OnlyKeyedRegistration_False()
    {
        var services = new ServiceCollection().AddKeyedSingleton<Clock>("main");

        Assert.False(new ServiceLifetimes(services).IsSingleton(typeof(Clock)));
    }

    [Fact]
    public void IsSingleton_Unregistered_False()
    {
        Assert.False(new ServiceLifetimes(new ServiceCollection()).IsSingleton(typeof(Clock)));
    }

    [Fact]
    public void IsSingleton_ConstructedGenericOfSingletonOpenRegistration_True()
    {
        var services = new ServiceCollection().AddLogging();

        Assert.True(new ServiceLifetimes(services).IsSingleton(typeof(ILogger<Clock>)));
    }

    [Fact]
    public void IsSingleton_ClosedTransientOverOpenSingleton_FalseBecauseTheClosedOneIsUsed()
    {
        var services = new ServiceCollection().AddLogging().AddTransient<ILogger<Clock>, Logger<Clock>>();

        Assert.False(new ServiceLifetimes(services).IsSingleton(typeof(ILogger<Clock>)));
    }

    private sealed class Clock;
}
