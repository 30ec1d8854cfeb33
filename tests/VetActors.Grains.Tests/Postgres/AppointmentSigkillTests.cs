using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Grains.Appointments;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Postgres;

/// <summary>
/// A silo process arms a durable timer and is killed with SIGKILL; another silo over the same database, its
/// clock past the due time, delivers the timer exactly once.
/// </summary>
public sealed class AppointmentSigkillTests
{
    [Fact]
    public async Task RecordDeadline_SiloProcessKilled_FiresOnceInTheNextSiloAndPausesOnce()
    {
        await using var dataSource = await PostgresTestServer.CreateDatabaseAsync();
        var due = await ArmAndKillAsync(dataSource, "VA-KILL01", "record");

        await using var world = await StartOverPostgresAsync(dataSource, due.AddHours(1));
        await Eventually.UntilAsync(async () => (await world.Practitioner("vet-1").GetAsync()).Paused, "paused in the next silo");
        await Eventually.UntilAsync(() => world.Cluster.RemindersInFlight == 0, "delivery finished");
        await world.Cluster.RestartAsync();
        world.Clock.Advance(TimeSpan.FromDays(1));

        var view = await world.Appointment("VA-KILL01").GetAsync();
        Assert.Equal((true, PayoutState.Held), (view.RecordOverdue, view.Payout));
        Assert.Equal(1, (await world.Practitioner("vet-1").GetAsync()).PauseCount);
        Assert.Equal(1, world.Notifier.Count("VA-KILL01", NotificationKind.RecordOverdue));
        Assert.Single(await world.SupportDesk.ListAsync(openOnly: true));
    }

    [Fact]
    public async Task NoShowTimer_SiloProcessKilled_NotifiesOnceInTheNextSilo()
    {
        await using var dataSource = await PostgresTestServer.CreateDatabaseAsync();
        var allowedAt = await ArmAndKillAsync(dataSource, "VA-KILL02", "no-show");

        await using var world = await StartOverPostgresAsync(dataSource, allowedAt.AddMinutes(1));
        await Eventually.UntilAsync(() => world.Notifier.Count("VA-KILL02", NotificationKind.NoShowOptionOpen) == 1, "no-show option in the next silo");
        await Eventually.UntilAsync(() => world.Cluster.RemindersInFlight == 0, "delivery finished");
        await world.Cluster.RestartAsync();
        world.Clock.Advance(TimeSpan.FromHours(1));
        var view = await world.Appointment("VA-KILL02").DeclareNoShowAsync();

        Assert.Equal(1, world.Notifier.Count("VA-KILL02", NotificationKind.NoShowOptionOpen));
        Assert.Equal(AppointmentStatus.NoShow, view.Status);
    }

    private static Task<AppointmentWorld> StartOverPostgresAsync(NpgsqlDataSource dataSource, DateTimeOffset clockStart) =>
        AppointmentWorld.StartAsync(services => services.AddPostgresGrainStorage(dataSource).AddPostgresReminders(dataSource), clockStart);

    /// <summary>Runs the crash host until it reports the armed timer's due time, then kills it with SIGKILL.</summary>
    private static async Task<DateTimeOffset> ArmAndKillAsync(NpgsqlDataSource dataSource, string reference, string scenario)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { CrashHostPath(), "crash-host", dataSource.ConnectionString, AppointmentWorld.Clinic, reference, scenario })
        {
            start.ArgumentList.Add(argument);
        }

        using var host = Process.Start(start)!;
        var stderr = host.StandardError.ReadToEndAsync();
        var armed = ReadArmedLineAsync(host.StandardOutput);

        // A hang guard, not a deadline: the host prints as soon as the timer is durable.
        string? line;
        try
        {
            line = await armed.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            line = null;
        }
        if (line is null)
        {
            host.Kill();
            Assert.Fail($"The crash host did not arm a timer: {await stderr}");
        }

        host.Kill();
        await host.WaitForExitAsync();
        Assert.Equal(137, host.ExitCode);
        return DateTimeOffset.Parse(line!["armed ".Length..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    private static async Task<string?> ReadArmedLineAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("armed ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    private static string CrashHostPath()
    {
        // tests/VetActors.Grains.Tests/bin/<configuration>/<framework>/ -> bench/VetActors.Appointments.Bench/bin/<configuration>/<framework>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "bench", "VetActors.Appointments.Bench", "bin", configuration, framework, "VetActors.Appointments.Bench.dll");
    }
}
