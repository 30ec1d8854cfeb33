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
using VetActors.Grains.Hosting;
using VetActors.Grains.Migrations;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.EndToEnd;

/// <summary>
/// The silo's API as the silo composes it, on Kestrel at 127.0.0.1 on a free port (h2c), over an embedded
/// PostgreSQL in a temporary folder, with outgoing mail in a pickup folder the tests read.
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vetactors-e2e-" + Guid.NewGuid().ToString("N"));
    private EmbeddedPostgres? _postgres;
    private WebApplication? _app;

    public string Target { get; private set; } = string.Empty;

    public string PickupDirectory => Path.Combine(_folder, "outbox");

    /// <summary>The running server's services, for arranging what no RPC sets up.</summary>
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
            ["Outbox:PickupDirectory"] = PickupDirectory,
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Identity:PasswordHashIterations"] = "10000",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, endpoint => endpoint.Protocols = HttpProtocols.Http2));
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
