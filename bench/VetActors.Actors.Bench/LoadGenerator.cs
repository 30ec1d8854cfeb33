using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace VetActors.Actors.Bench;

/// <summary>
/// Calls per second: <c>callers</c> concurrent loops, each calling its share of <c>grains</c> grains in turn,
/// for a bounded time (Orleans' Ping benchmark shape: grain factory in the silo, no network hop).
/// </summary>
internal static class LoadGenerator
{
    internal static async Task RunAsync(int callers, int grains, TimeSpan duration)
    {
        using var host = await Silo.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var references = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IPingGrain>($"g{i}")).ToArray();
        await Task.WhenAll(references.Select(r => r.PingAsync()));

        // Warm-up, then the measured run.
        await RunCallersAsync(references, callers, TimeSpan.FromSeconds(1));
        var gen0 = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (calls, elapsed) = await RunCallersAsync(references, callers, duration);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        Console.WriteLine($"callers={callers} grains={grains} duration={elapsed.TotalSeconds:F2}s calls={calls:N0}");
        Console.WriteLine($"throughput={calls / elapsed.TotalSeconds:N0} calls/s");
        Console.WriteLine($"allocated={allocated / (double)calls:F1} B/call gen0={GC.CollectionCount(0) - gen0}");
        await host.StopAsync();
    }

    private static async Task<(long Calls, TimeSpan Elapsed)> RunCallersAsync(IPingGrain[] grains, int callers, TimeSpan duration)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(grains, c, callers, stop))));
        return (counts.Sum(), Stopwatch.GetElapsedTime(started));
    }

    private static async Task<long> CallerAsync(IPingGrain[] grains, int caller, int callers, long stop)
    {
        long calls = 0;
        var first = caller % grains.Length;
        var index = first;
        while (true)
        {
            for (var i = 0; i < 1000; i++)
            {
                await grains[index].PingAsync();
                index += callers;
                if (index >= grains.Length)
                {
                    index = first;
                }
            }

            calls += 1000;
            if (Stopwatch.GetTimestamp() >= stop)
            {
                return calls;
            }

            // Let the other callers in: a caller whose calls all complete synchronously would never yield.
            await Task.Yield();
        }
    }
}

internal static class AllocationProbe
{
    internal static async Task RunAsync()
    {
        using var host = await Silo.StartAsync();
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPingGrain>("x");
        await grain.PingAsync();
        foreach (var t in new[] { typeof(SynchronizationContext) })
        {
            Console.WriteLine(string.Join(", ", t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public).Select(f => f.Name)));
        }

        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100_000; i++)
            {
                _ = grain.PingAsync();
            }

            var ping = (GC.GetAllocatedBytesForCurrentThread() - before) / 100_000.0;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100_000; i++)
            {
                _ = grain.EchoAsync(42);
            }

            var echo = (GC.GetAllocatedBytesForCurrentThread() - before) / 100_000.0;
            Console.WriteLine($"ping={ping:F1} B echo={echo:F1} B");
        }

        await host.StopAsync();
    }
}
