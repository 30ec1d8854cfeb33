using System.Globalization;
using Grpc.Core;
using VetActors.Bench.Shared;
using VetActors.Portal.Bench;
using VetActors.Protos.Portal.V1;
using VetActors.Rpc.Client;
using PortalApi = VetActors.Protos.Portal.V1.Portal;

// The portal home under load over real gRPC: the silo executable over its embedded PostgreSQL, a synthetic clinic
// (10,000 clients) imported by the reference agent, the clinic's settings set by its administrator, then N pet
// owners (200) signed in with emailed codes, each on its own connection, asking for their home for the given seconds
// after a 10-second warm-up: in a closed loop (rate 0), or each owner at a fixed rate (requests per second). The same
// owners then ask for their notification preferences the same way (authentication and one small grain call), as a
// baseline of what this machine gives any portal call; both twice, alternating, since the machine is shared.
// Usage: [clients=10000] [owners=200] [seconds=10] [rate-per-owner=0]
// With "inprocess" first, the grains' share of one home only, in process: inprocess [clients=200] [seconds=3]
if (args.Length > 0 && args[0] == "inprocess")
{
    return await InProcessHome.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
}

var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var owners = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var rate = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0;

await using var clinic = await SyntheticClinicSilo.StartAsync("portal-bench", "bench");
var (records, import, elapsed) = await clinic.ImportAsync(clients);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"clinic: {clients} clients, {records.Count(r => r.Patient is not null)} pets, {records.Count} records imported over gRPC in {elapsed.TotalSeconds:F1} s ({import.Applied} applied, {import.Rejected} rejected)"));

var admin = new Metadata { { "authorization", "Bearer " + clinic.AdminToken } };
await new PortalSettings.PortalSettingsClient(clinic.Channel).UpdateClinicSettingsAsync(new UpdateClinicSettingsRequest
{
    Settings = new ClinicSettings
    {
        Appointments = new AppointmentVisibility { AllKinds = false, Kinds = { "exam" }, HorizonDays = 90 },
        Widgets = { WebsiteWidget.OnlineBooking, WebsiteWidget.Pharmacy, WebsiteWidget.Chat },
        ServiceRemindersEnabled = true,
    },
}, admin);

// Owners spread over the whole clinic (with 2 and 3 pets), not its first clients.
var emails = records.Where(r => r.Client is not null).Select(r => r.Client.Email).ToList();
var chosen = Enumerable.Range(0, owners).Select(i => emails[((int)((long)i * emails.Count / owners) + i % 2) % emails.Count]).ToList();
var tokens = await OwnerSignIn.SignInAsync(clinic, chosen);
var channels = Enumerable.Range(0, owners).Select(_ => GrpcChannel.ForAddress(clinic.Address)).ToArray();
try
{
    // Warm: every grain on the path active, every connection open, the hot methods through tiered compilation.
    await HomeLoad.RunAsync(channels, tokens, TimeSpan.FromSeconds(5), 0, baseline: false);
    await HomeLoad.RunAsync(channels, tokens, TimeSpan.FromSeconds(5), 0, baseline: true);
    var homes = await Task.WhenAll(tokens.Take(20).Select(t => new PortalApi.PortalClient(clinic.Channel)
        .GetHomeAsync(new GetHomeRequest(), new Metadata { { "authorization", "Bearer " + t } }).ResponseAsync));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"homes of the first 20 owners: {homes.Average(h => h.Pets.Count):F1} pets, {homes.Sum(h => h.UpcomingAppointments.Count)} upcoming appointments, {homes.Sum(h => h.ServicesDue.Count)} services due in all; {homes.Average(h => h.CalculateSize()):F0} bytes each on average"));

    var mode = rate > 0 ? string.Create(CultureInfo.InvariantCulture, $"each at {rate:G} requests/s") : "closed loop";
    foreach (var baseline in new[] { false, true, false, true })
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        var (latencies, took) = await HomeLoad.RunAsync(channels, tokens, TimeSpan.FromSeconds(seconds), rate, baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(baseline ? "baseline GetNotificationPreferences" : "GetHome")}: {latencies.Length} calls by {owners} concurrent owners ({mode}) in {took.TotalSeconds:F1} s: " +
            $"{latencies.Length / took.TotalSeconds:F0} calls/s; p50 {Percentile(latencies, 0.50):F2} ms, p90 {Percentile(latencies, 0.90):F2} ms, " +
            $"p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms (load average before: {load})"));
    }
}
finally
{
    foreach (var channel in channels)
    {
        channel.Dispose();
    }
}

return 0;

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
