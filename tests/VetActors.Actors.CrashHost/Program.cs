using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VetActors.Actors;
using VetActors.Actors.CrashHost;
using VetActors.Actors.Postgres;
using VetActors.Grains.Payments;

// Protocol on stdin/stdout, one line each:
//   "w <key> <entry>" -> "a <key> <entry>" once the append is durable (writes run concurrently);
//   "r <key>"         -> "v <key> <entry,entry,...>".
// "ready" is printed once the runtime has started. With "payments" first, the payment ledger's protocol instead
// (PaymentsMode).
var payments = args is ["payments", _];
var connectionString = args is [.., var last] && args.Length == (payments ? 2 : 1)
    ? last
    : throw new ArgumentException("usage: VetActors.Actors.CrashHost [payments] <connection string>");

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddVetActors(actors =>
{
    actors.AddGrain<JournalGrain>();
    if (payments)
    {
        actors.AddGrainsFromAssembly(typeof(IPaymentAccountGrain).Assembly);
    }
});
if (payments)
{
    PaymentsMode.AddServices(builder.Services);
}

builder.Services.AddPostgresGrainStorage(connectionString);
builder.Services.AddPostgresReminders(connectionString);
using var host = builder.Build();
await using (var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(connectionString))
{
    await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
}
await host.StartAsync();

var grains = host.Services.GetRequiredService<IGrainFactory>();
var output = Console.Out;
var gate = new object();
void Say(string line)
{
    lock (gate)
    {
        output.WriteLine(line);
        output.Flush();
    }
}

Say("ready");
if (payments)
{
    await PaymentsMode.RunAsync(grains, Say);
    await host.StopAsync();
    return;
}

var pending = new List<Task>();
while (Console.ReadLine() is { } line)
{
    var parts = line.Split(' ');
    var journal = grains.GetGrain<IJournalGrain>(parts[1]);
    switch (parts[0])
    {
        case "w":
            var entry = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            pending.Add(Task.Run(async () =>
            {
                await journal.AppendAsync(entry);
                Say($"a {parts[1]} {entry}");
            }));
            break;
        case "r":
            Say($"v {parts[1]} {string.Join(',', await journal.ReadAsync())}");
            break;
    }
}
await Task.WhenAll(pending);
await host.StopAsync();
