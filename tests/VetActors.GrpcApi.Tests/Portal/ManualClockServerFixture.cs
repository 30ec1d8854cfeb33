using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VetActors.Actors;
using VetActors.Actors.Postgres;
using VetActors.Actors.Testing;
using VetActors.Grains.Hosting;
using VetActors.Grains.Migrations;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Portal;

/// <summary>
/// The silo's API as <see cref="EndToEnd.ApiServerFixture"/> hosts it (Kestrel h2c on 127.0.0.1, embedded PostgreSQL,
/// mail in a pickup folder), but on a <see cref="ManualTimeProvider"/> starting at <paramref name="start"/>: the portal's
/// date windows are tested at chosen instants. The outbox polls on that clock, so <see cref="AwaitMailAsync"/> moves
/// it while waiting for a message. ID cards are rendered under PDFsharp's AGPL licence.
/// </summary>
public abstract class ManualClockServerFixture(DateTimeOffset start) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vetactors-e2e-clock-" + Guid.NewGuid().ToString("N"));
    private EmbeddedPostgres? _postgres;
    private WebApplication? _app;

    public ManualTimeProvider Time { get; } = new(start);

    public string Target { get; private set; } = string.Empty;

    public string ConnectionString => _postgres?.ConnectionString ?? throw new InvalidOperationException("The server is not running.");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not running.");

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = Path.Combine(_folder, "postgres"), SharedBuffers = "32MB", MaxConnections = 40 });
        await using (var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(_postgres.ConnectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, CancellationToken.None);
            await PostgresSchema.MigrateAsync(dataSource, GrainsSchema.Scope, PostgresSchema.Discover(typeof(GrainsSchema).Assembly), null, CancellationToken.None);
        }

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiSecurity:InternalServiceKeySha256"] = ApiTestHost.Sha256(ApiTestHost.InternalServiceKey),
            ["Outbox:PickupDirectory"] = Path.Combine(_folder, "outbox"),
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Identity:PasswordHashIterations"] = "10000",
            [PetIdCardOptions.SectionName + ":" + nameof(PetIdCardOptions.PdfSharpLicense)] = PetIdCardOptions.AgplLicense,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddPostgresGrainStorage(_postgres.ConnectionString);
        builder.Services.AddPostgresReminders(_postgres.ConnectionString);
        builder.Services.AddVetActorsGrains(builder.Configuration);
        builder.AddGrpcApi();

        _app = builder.Build();
        _app.MapVetActorsServices();
        await _app.StartAsync();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Target = $"127.0.0.1:{address.Port}";
    }

    /// <summary>
    /// The newest mail to <paramref name="to"/> holding <paramref name="pattern"/>'s match, moving the clock 100 ms at a
    /// time so the outbox polls; the bound is a hang guard, not a deadline.
    /// </summary>
    public async Task<string> AwaitMailAsync(string to, System.Text.RegularExpressions.Regex pattern)
    {
        var folder = Path.Combine(_folder, "outbox");
        for (var poll = 0; poll < 3_000; poll++)
        {
            var match = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(File.ReadAllText)
                    .Where(t => t.Contains("To: " + to + "\r\n", StringComparison.Ordinal)).Select(t => pattern.Match(t)).LastOrDefault(m => m.Success)
                : null;
            if (match is not null)
            {
                return match.Value;
            }

            Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        throw new TimeoutException($"No mail to {to} arrived.");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
