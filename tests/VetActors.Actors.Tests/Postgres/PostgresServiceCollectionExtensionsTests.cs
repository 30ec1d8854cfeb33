using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Actors.Reminders;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Tests.Postgres;

public sealed class PostgresServiceCollectionExtensionsTests : IClassFixture<PostgresDatabaseFixture>
{
    private readonly PostgresDatabaseFixture _database;

    public PostgresServiceCollectionExtensionsTests(PostgresDatabaseFixture database)
    {
        _database = database;
    }

    [Fact]
    public async Task AddPostgres_AfterOtherRegistrations_ReplacesThemAndSharesOneDataSource()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGrainStorage, UnusableStorage>();
        services.AddSingleton<IReminderTable>(_ => throw new InvalidOperationException("replaced registrations must not be used"));

        services.AddPostgresGrainStorage(_database.ConnectionString, o => o.MaxBatchSize = 8);
        services.AddPostgresReminders(_database.ConnectionString);

        await using var provider = services.BuildServiceProvider();
        Assert.IsType<PostgresGrainStorage>(provider.GetRequiredService<IGrainStorage>());
        Assert.IsType<PostgresReminderTable>(provider.GetRequiredService<IReminderTable>());
        Assert.Single(provider.GetServices<IGrainStorage>());
        Assert.Equal(8, provider.GetRequiredService<IOptions<PostgresGrainStorageOptions>>().Value.MaxBatchSize);
        Assert.Same(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<NpgsqlDataSource>());

        var id = new GrainStateId("svc", "pet", $"clinic-1/pet/{Guid.NewGuid():N}", "state");
        var etag = await provider.GetRequiredService<IGrainStorage>().WriteAsync(id, Encoding.UTF8.GetBytes("""{"n":1}"""), null, CancellationToken.None);
        Assert.Equal("1", etag);
    }

    [Fact]
    public async Task AddPostgres_WithCallerDataSource_UsesItAndLeavesItOpen()
    {
        var services = new ServiceCollection();

        services.AddPostgresGrainStorage(_database.DataSource);
        services.AddPostgresReminders(_database.DataSource);

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.Same(_database.DataSource, provider.GetRequiredService<NpgsqlDataSource>());
            Assert.Null(await provider.GetRequiredService<IReminderTable>().GetNextDueAsync($"svc-{Guid.NewGuid():N}", CancellationToken.None));
        }

        await using var command = _database.DataSource.CreateCommand("SELECT 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public void AddPostgresGrainStorage_ContainerDisposedSynchronously_DisposesCleanly()
    {
        var services = new ServiceCollection();
        services.AddPostgresGrainStorage(_database.ConnectionString);
        var provider = services.BuildServiceProvider();
        Assert.IsType<PostgresGrainStorage>(provider.GetRequiredService<IGrainStorage>());

        var error = Record.Exception(provider.Dispose);

        Assert.Null(error);
    }

    private sealed class UnusableStorage : IGrainStorage
    {
        public Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("replaced registrations must not be used");

        public Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("replaced registrations must not be used");

        public Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("replaced registrations must not be used");
    }
}
