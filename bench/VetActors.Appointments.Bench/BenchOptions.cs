using System.Globalization;

namespace VetActors.Appointments.Bench;

/// <summary>Command-line settings of the deadline benchmark.</summary>
internal sealed record BenchOptions(int Clinics, int PerClinic, int PollMilliseconds, int ReminderBatch, int Concurrency)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(100, 100, 1000, 256, 64);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? Int(args[i + 1]) : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--clinics" => options with { Clinics = value },
                "--per-clinic" => options with { PerClinic = value },
                "--poll-ms" => options with { PollMilliseconds = value },
                "--batch" => options with { ReminderBatch = value },
                "--concurrency" => options with { Concurrency = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --clinics N --per-clinic N --poll-ms N --batch N --concurrency N"),
            };
            i++;
        }

        if (options.Clinics * options.PerClinic is < 1 or > 20_000 || options.PollMilliseconds < 50 || options.Concurrency < 1)
        {
            throw new ArgumentException("Between 1 and 20,000 appointments, a poll of at least 50 ms and a concurrency of at least 1.");
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
