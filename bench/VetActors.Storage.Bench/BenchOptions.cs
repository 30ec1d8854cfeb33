using System.Globalization;

namespace VetActors.Storage.Bench;

/// <summary>Command-line settings of the durable-write benchmark.</summary>
internal sealed record BenchOptions(
    int Writers, TimeSpan Duration, TimeSpan Warmup, int PayloadBytes, int CommitDelayMicroseconds, int MaxBatchSize, int ConcurrentBatches,
    string? DataDirectory)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(64, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 256, 0, 64, 4, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--writers" => options with { Writers = Int(value) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Int(value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int(value)) },
                "--payload-bytes" => options with { PayloadBytes = Int(value) },
                "--commit-delay" => options with { CommitDelayMicroseconds = Int(value) },
                "--batch" => options with { MaxBatchSize = Int(value) },
                "--concurrent-batches" => options with { ConcurrentBatches = Int(value) },
                "--data" => options with { DataDirectory = value },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --writers N --seconds N --warmup N --payload-bytes N --commit-delay MICROSECONDS --batch N (1 = off) --concurrent-batches N --data FOLDER"),
            };
            i++;
        }

        // Bounded on purpose: this is a short load test on a shared machine.
        if (options.Writers is < 1 or > 512 || options.Duration > TimeSpan.FromMinutes(2) || options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--writers must be 1..512 and --seconds 1..120.");
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
