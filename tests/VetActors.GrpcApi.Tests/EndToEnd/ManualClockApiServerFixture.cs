using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VetActors.Actors.Postgres;
using VetActors.Actors.Testing;
using VetActors.Grains.Hosting;
using VetActors.Grains.Migrations;
using VetActors.GrpcApi.Portal;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.EndToEnd;

/// <summary>
/// The silo's API on Kestrel (127.0.0.1, free port, h2c) over an embedded PostgreSQL, like <see cref="ApiServerFixture"/>,
/// but on a <see cref="ManualTimeProvider"/> so tests can stand on either side of a date. Nothing here waits on the
/// clock (no outgoing mail is read), and ID cards are rendered under PDFsharp's AGPL licence.
/// </summary>
public sealed class ManualClockApiServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vetactors-e2e-clock-" + Guid.NewGuid().ToString("N"));
    private EmbeddedPostgres? _postgres;
    private WebApplication? _app;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.Zero));

    public string Target { get; private set; } = string.Empty;

    public string ConnectionString => _postgres?.ConnectionString ?? throw new InvalidOperationException("The server is not running.");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not running.");

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
            ["Identity:PasswordHashIterations"] = "10000",
            [PetIdCardOptions.SectionName + ":" + nameof(PetIdCardOptions.PdfSharpLicense)] = PetIdCardOptions.AgplLicense,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<TimeProvider>(Clock);
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
