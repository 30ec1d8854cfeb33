using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Actors.Testing;
using VetActors.Grains.Clients;
using VetActors.Grains.Clinics;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.Grains.Outbox;
using VetActors.Grains.Sync;

namespace VetActors.Portal.Bench;

/// <summary>
/// The grains' share of one home, without the network or storage: a test cluster with a clinic of N clients, 3 pets
/// each (an appointment and a service due per pet), then every client's home asked in turn on one thread: time and
/// bytes allocated per home.
/// </summary>
internal static class InProcessHome
{
    public static async Task<int> RunAsync(int clients, int seconds)
    {
        var now = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
        await using var cluster = await new TestClusterBuilder { TimeProvider = new ManualTimeProvider(now) }
            .AddGrainsFromAssembly(typeof(IClinicGrain).Assembly)
            .ConfigureServices(s => s.AddSingleton<IClinicNotifier, NoNotifier>().AddSingleton<IOutbox, InMemoryOutbox>()
                .Configure<IdentityOptions>(o => o.PasswordHashIterations = 1_000))
            .BuildAndStartAsync();
        var grains = cluster.GrainFactory;
        await grains.GetGrain<IClinicGrain>(GrainKeys.Clinic("1")).CreateAsync(new NewClinic(
            new ClinicProfile("1", "Riverside", "1 River Road", "+1 555 010 0199", "https://riverside.example", "Mon-Fri", "America/Chicago",
                "+1 555 010 0100", PimsKind.Avimark, "P1"),
            "front desk password 1"));
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var records = new List<PimsRecord>();
        for (var c = 0; c < clients; c++)
        {
            records.Add(new PimsRecord(PimsRecordKind.Client, $"C{c}", 1) { Client = new PimsClientData("Ann", "Lee", null, [], $"ann.{c}@example.com") });
            for (var p = 0; p < 3; p++)
            {
                var pet = $"P{c}-{p}";
                records.Add(new PimsRecord(PimsRecordKind.Patient, pet, 1)
                {
                    Patient = new PimsPatientData($"C{c}", "Rex", "canine", "Beagle", "MN", null, null, null, null, null, null, false, null),
                });
                records.Add(new PimsRecord(PimsRecordKind.Appointment, "A" + pet, 1) { Appointment = new PimsAppointmentData(pet, now.AddDays(3 + p), 30, "exam", "booked", null) });
                records.Add(new PimsRecord(PimsRecordKind.ServiceReminder, "S" + pet, 1) { ServiceReminder = new PimsServiceReminderData(pet, "Rabies booster", today.AddDays(20 + p), false) });
            }
        }

        var sync = grains.GetGrain<IPimsSyncGrain>(PimsSyncKeys.Sync("1"));
        var session = await sync.ConnectAsync(new AgentHello("bench", "AVImark", "1", 0, true, records.Count));
        await sync.ApplyBatchAsync(session.SessionId, new SyncBatch(1, records, EndOfImport: true));
        var homes = Enumerable.Range(0, clients).Select(c => grains.GetGrain<IClientGrain>(GrainKeys.Client("1", PimsSyncKeys.ClientIdFor($"C{c}")))).ToArray();
        foreach (var home in homes)
        {
            await home.GetPortalHomeAsync();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            foreach (var home in homes)
            {
                await home.GetPortalHomeAsync();
                calls++;
            }
        }

        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"home in the grains ({clients} clients, 3 pets each): {calls} homes on one thread, {clock.Elapsed.TotalMicroseconds / calls:F1} µs and " +
            $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls} bytes allocated per home"));
        return 0;
    }

    private sealed class NoNotifier : IClinicNotifier
    {
        public Task SendAsync(ClinicNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
