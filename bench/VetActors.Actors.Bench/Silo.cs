using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VetActors.Actors.Bench;

/// <summary>A real silo (system clock, in-memory storage) in this process, as the service would host it.</summary>
internal static class Silo
{
    internal static async Task<IHost> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVetActors(actors => actors.AddGrain<PingGrain>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
