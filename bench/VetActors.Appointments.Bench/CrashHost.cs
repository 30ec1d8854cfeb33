using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VetActors.Actors;
using VetActors.Actors.Postgres;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Support;

namespace VetActors.Appointments.Bench;

/// <summary>
/// <c>crash-host</c>: a silo process over an existing PostgreSQL database that brings one appointment to the
/// point where a durable timer is armed, prints <c>armed &lt;due time&gt;</c>, then waits to be killed. The
/// durability tests kill it with SIGKILL and check that another silo delivers the timer once.
/// </summary>
internal static class CrashHost
{
    public static async Task<int> RunAsync(string connectionString, string clinic, string reference, string scenario)
    {
        await using var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(connectionString);
        await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IAppointmentNotifier>(new CountingNotifier())
            .AddSingleton<IPractitionerDirectory>(new EveryoneIsAVeterinarian())
            .AddSingleton<ISupportAuditTrail>(new CountingAuditTrail())
            .AddPostgresGrainStorage(dataSource)
            .AddPostgresReminders(dataSource)
            .AddVetActors(actors => actors.AddGrainsFromAssembly(typeof(IAppointmentGrain).Assembly))
            .BuildServiceProvider();
        foreach (var service in services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IAppointmentGrain>(GrainKeys.Appointment(clinic, reference));
        var now = TimeProvider.System.GetUtcNow();
        DateTimeOffset due;
        if (scenario == "record")
        {
            // Starts in 5 minutes: the call is open from 10 minutes before, so both can join at once.
            await grain.BookAsync(new BookAppointment("client-1", "pet-1", "vet-1", now.AddMinutes(5), TimeSpan.FromMinutes(30), AppointmentKind.Virtual));
            await grain.JoinAsync(CallParty.Practitioner);
            await grain.JoinAsync(CallParty.Client);
            due = (await grain.EndCallAsync()).RecordDueAt!.Value;
        }
        else if (scenario == "no-show")
        {
            await grain.BookAsync(new BookAppointment("client-1", "pet-1", "vet-1", now.AddMinutes(5), TimeSpan.FromMinutes(30), AppointmentKind.Virtual));
            due = (await grain.JoinAsync(CallParty.Practitioner)).NoShowAllowedAt!.Value;
        }
        else
        {
            throw new ArgumentException($"Unknown scenario {scenario}: record or no-show.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"armed {due:O}"));
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
