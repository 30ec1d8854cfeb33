using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VetActors.Actors.Bench;

/// <summary>One local call to an active, idle grain: the cost and allocation of the call path itself.</summary>
[MemoryDiagnoser]
public class LocalCallBenchmarks
{
    private IHost _host = null!;
    private IPingGrain _grain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = Silo.StartAsync().GetAwaiter().GetResult();
        _grain = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPingGrain>("bench");
        _grain.PingAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task Ping() => _grain.PingAsync();

    [Benchmark]
    public Task<int> Echo() => _grain.EchoAsync(42);

    [Benchmark]
    public Task<string> Greet() => _grain.GreetAsync("Bella");
}
