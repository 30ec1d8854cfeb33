using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using VetActors.Actors.Bench;

// Modes:
//   load [callers] [grains] [seconds]   calls per second (default 100 callers, 10000 grains, 5 s)
//   activations [count]                 retained bytes per idle activation (default 1000000)
//   reminders [count]                   real-clock lateness of one-shot reminders due over 2 s (default 100)
//   alloc                               bytes allocated per call, measured on one thread
//   bdn [BenchmarkDotNet arguments]     per-call time and allocation (MemoryDiagnoser), in process
var mode = args.Length > 0 ? args[0] : "load";
switch (mode)
{
    case "load":
        await LoadGenerator.RunAsync(Arg(1, 100), Arg(2, 10_000), TimeSpan.FromSeconds(Arg(3, 5)));
        break;
    case "alloc":
        await AllocationProbe.RunAsync();
        break;
    case "reminders":
        await ReminderLatency.RunAsync(Arg(1, 100));
        break;
    case "activations":
        await ActivationFootprint.RunAsync(Arg(1, 1_000_000));
        break;
    case "bdn":
        var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkSwitcher.FromAssembly(typeof(LocalCallBenchmarks).Assembly).Run(args[1..], config);
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}': use load, activations or bdn.");
        return 2;
}

return 0;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
