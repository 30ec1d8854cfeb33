using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VetActors.Actors;
using VetActors.Actors.Postgres;
using VetActors.Appointments.Bench;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Practitioners;

// Record deadlines at scale: N appointments whose calls end within a few seconds, so that their 24-hour
// deadlines fall due in the same minute; the clock jumps a day, then runs in real time across that minute.
// Reports that every deadline fired, none twice, each practitioner paused once, and how late they fired.
// (`crash-host CONNECTION CLINIC REFERENCE record|no-show` instead runs the process the SIGKILL tests kill.)
if (args is ["crash-host", var connection, var clinic, var reference, var scenario])
{
    return await CrashHost.RunAsync(connection, clinic, reference, scenario);
}

var options = BenchOptions.Parse(args);
var total = options.Clinics * options.PerClinic;
var dataDirectory = Path.Combine(Path.GetTempPath(), $"vetactors-appointments-bench-{Guid.NewGuid():N}");
await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDirectory, Database = "bench", MaxConnections = 120 });
await using var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(
    new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = 80 }.ConnectionString);
await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);

var clock = new ShiftedClock();
var notifier = new CountingNotifier();
var audit = new CountingAuditTrail();
var services = new ServiceCollection()
    .AddSingleton<TimeProvider>(clock)
    .AddSingleton<IAppointmentNotifier>(notifier)
    .AddSingleton<IPractitionerDirectory>(new EveryoneIsAVeterinarian())
    .AddSingleton<VetActors.Grains.Support.ISupportAuditTrail>(audit)
    .AddPostgresGrainStorage(dataSource)
    .AddPostgresReminders(dataSource)
    .AddVetActors(actors => actors
        .AddGrainsFromAssembly(typeof(IAppointmentGrain).Assembly)
        .Configure(o =>
        {
            o.ReminderPollInterval = TimeSpan.FromMilliseconds(options.PollMilliseconds);
            o.ReminderBatchSize = options.ReminderBatch;
        }))
    .BuildServiceProvider();
var hosted = services.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

var grains = services.GetRequiredService<IGrainFactory>();
var appointments = (from c in Enumerable.Range(1, options.Clinics)
                    from p in Enumerable.Range(1, options.PerClinic)
                    select (Clinic: $"c{c}", Vet: $"vet-{p}", Reference: AppointmentReference.New())).ToArray();
IAppointmentGrain Grain((string Clinic, string Vet, string Reference) a) => grains.GetGrain<IAppointmentGrain>(GrainKeys.Appointment(a.Clinic, a.Reference));

Console.WriteLine($"{total} appointments ({options.Clinics} clinics x {options.PerClinic} practitioners), reminder poll {options.PollMilliseconds} ms, claim batch {options.ReminderBatch}");
var start = clock.GetUtcNow().AddHours(1);
await PhaseAsync("book", a => Grain(a).BookAsync(new BookAppointment("client-1", "pet-1", a.Vet, start, TimeSpan.FromMinutes(30), AppointmentKind.Virtual)));
clock.JumpTo(start);
await PhaseAsync("join", async a =>
{
    await Grain(a).JoinAsync(CallParty.Practitioner);
    await Grain(a).JoinAsync(CallParty.Client);
});
clock.JumpTo(start.AddMinutes(20));
var due = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>();
await PhaseAsync("end calls", async a => due[$"{a.Clinic}/{a.Reference}"] = (await Grain(a).EndCallAsync()).RecordDueAt!.Value);
var firstDue = due.Values.Min();
var lastDue = due.Values.Max();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deadlines due from {firstDue:HH:mm:ss.fff} to {lastDue:HH:mm:ss.fff} ({(lastDue - firstDue).TotalSeconds:F1} s apart)"));

// The 20-hour warnings first, so that the deadline minute measures the deadlines alone.
clock.JumpTo(firstDue - TimeSpan.FromHours(4) + (lastDue - firstDue) + TimeSpan.FromSeconds(1));
await WaitAsync("warnings", () => notifier.Count(NotificationKind.RecordDeadlineWarning) >= total);
clock.JumpTo(firstDue - TimeSpan.FromSeconds(2));
var watch = Stopwatch.StartNew();
await WaitAsync("deadlines", () => notifier.Count(NotificationKind.RecordOverdue) >= total);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {total} deadlines delivered {watch.Elapsed.TotalSeconds:F1} s after the jump to 2 s before the first"));

// Let a few more polls run: a deadline delivered twice would show up now.
await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds * 3));
var overdue = notifier.Sent.Where(s => s.Key.Kind == NotificationKind.RecordOverdue).ToArray();
var twice = overdue.Count(s => s.Value.Count > 1);
var lateness = overdue.Select(s => (s.Value.Min() - due[s.Key.Key]).TotalMilliseconds).Order().ToArray();
var pausedOnce = 0;
foreach (var a in appointments)
{
    var schedule = await grains.GetGrain<IPractitionerGrain>(GrainKeys.Child(a.Clinic, "practitioner", a.Vet)).GetAsync();
    pausedOnce += schedule is { Paused: true, PauseCount: 1 } ? 1 : 0;
}

await using (var command = dataSource.CreateCommand("SELECT count(*) FROM vetactors_reminders"))
{
    Console.WriteLine($"reminder rows left: {await command.ExecuteScalarAsync()}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"fired {overdue.Length}/{total}, fired twice {twice}, practitioners paused exactly once {pausedOnce}/{total}, support cases opened {audit.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"lateness (overdue notification time - due time): p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {lateness[^1]:F0} ms"));

for (var i = hosted.Count - 1; i >= 0; i--)
{
    await hosted[i].StopAsync(CancellationToken.None);
}

await services.DisposeAsync();
await server.StopAsync(CancellationToken.None);
Directory.Delete(dataDirectory, recursive: true);
return overdue.Length == total && twice == 0 && pausedOnce == total ? 0 : 1;

double Percentile(double p) => lateness[Math.Min(lateness.Length - 1, (int)(lateness.Length * p))];

async Task PhaseAsync(string name, Func<(string Clinic, string Vet, string Reference), Task> step)
{
    var phase = Stopwatch.StartNew();
    await Parallel.ForEachAsync(appointments, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (a, _) => await step(a));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {total} in {phase.Elapsed.TotalSeconds:F1} s ({total / phase.Elapsed.TotalSeconds:F0}/s)"));
}

static async Task WaitAsync(string what, Func<bool> done)
{
    // Bounded: this is a short load test on a shared machine.
    var bound = Stopwatch.StartNew();
    while (!done())
    {
        if (bound.Elapsed > TimeSpan.FromMinutes(3))
        {
            throw new TimeoutException($"Not all {what} were delivered within 3 minutes.");
        }

        await Task.Delay(20);
    }
}
