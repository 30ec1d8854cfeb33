using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Actors.Bench;

/// <summary>Retained heap per idle activation: activate <c>count</c> grains, collect, divide the heap growth.</summary>
internal static class ActivationFootprint
{
    internal static async Task RunAsync(int count)
    {
        using var host = await Silo.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        await factory.GetGrain<IPingGrain>("warm").PingAsync();
        var keys = Enumerable.Range(0, count).Select(i => $"clinic-{i % 1000}/pet/{i}").ToArray();
        var keyBytes = keys.Sum(k => 22L + (2L * k.Length) + 6) / count;
        var before = Heap();

        const int batch = 10_000;
        for (var start = 0; start < count; start += batch)
        {
            var end = Math.Min(count, start + batch);
            var calls = new Task[end - start];
            for (var i = start; i < end; i++)
            {
                calls[i - start] = factory.GetGrain<IPingGrain>(keys[i]).PingAsync();
            }

            await Task.WhenAll(calls);
        }

        var after = Heap();
        var perActivation = (after - before) / (double)count;
        Console.WriteLine($"activations={count:N0} heap growth={(after - before) / 1048576.0:F1} MiB");
        Console.WriteLine($"per activation: {perActivation:F0} B retained (the grain key string, ~{keyBytes} B here, is held by the caller's array, not counted)");
        GC.KeepAlive(keys);
        await host.StopAsync();
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
