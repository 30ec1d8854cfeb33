using Npgsql;
using VetActors.Actors.Postgres;
using VetActors.Silo.Configuration;

namespace VetActors.Silo.Hosting;

/// <summary>The silo's database: an embedded PostgreSQL unless a connection string is configured, migrated before use.</summary>
internal static partial class SiloDatabaseExtensions
{
    private const string EmbeddedDatabaseName = "vetactors";

    /// <summary>Group-commit settings of grain state writes (<c>MaxBatchSize</c>, <c>MaxConcurrentBatches</c>).</summary>
    private const string GrainStorageSection = DatabaseOptions.SectionName + ":GrainStorage";
    private static readonly TimeSpan[] ConnectRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <summary>
    /// Before the host is built: starts the embedded server when no connection string is configured (stopped again
    /// after the host has stopped), applies the runtime's migrations and those of <paramref name="additionalSchemas"/>,
    /// and registers PostgreSQL grain storage and reminders over one shared <see cref="NpgsqlDataSource"/>, replacing
    /// any <c>IGrainStorage</c> / <c>IReminderTable</c> registered before (register the actor runtime first).
    /// </summary>
    public static async Task<WebApplicationBuilder> AddSiloDatabaseAsync(
        this WebApplicationBuilder builder, IReadOnlyList<SchemaMigrations>? additionalSchemas = null, CancellationToken cancellationToken = default)
    {
        var options = builder.GetValidatedOptions(DatabaseOptions.SectionName, new DatabaseOptionsValidator());
        using var bootstrapLogging = LoggerFactory.Create(logging => logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true));
        var logger = bootstrapLogging.CreateLogger("VetActors.Silo.Database");

        EmbeddedPostgres? embedded = null;
        string connectionString;
        if (options.UsesEmbeddedServer)
        {
            var dataDirectory = Path.GetFullPath(options.DataDirectory);
            try
            {
                embedded = await EmbeddedPostgres.StartAsync(
                    new EmbeddedPostgresOptions
                    {
                        DataDirectory = dataDirectory,
                        Database = EmbeddedDatabaseName,
                        SharedBuffers = options.SharedBuffers,
                        MaxConnections = options.MaxConnections,
                    },
                    bootstrapLogging.CreateLogger<EmbeddedPostgres>(),
                    cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw new SiloStartupException($"The embedded PostgreSQL could not start: {ex.Message}", ex);
            }

            connectionString = embedded.ConnectionString;
        }
        else
        {
            connectionString = options.ConnectionString!;
            LogUsingConfiguredServer(logger);
        }

        try
        {
            await MigrateAsync(connectionString, additionalSchemas ?? [], bootstrapLogging, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }

            throw new SiloStartupException($"The database schema could not be brought up to date: {ex.Message}", ex);
        }

        if (embedded is not null)
        {
            builder.Services.AddSingleton(embedded);
            builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        }

        builder.Services.AddPostgresGrainStorage(connectionString);
        builder.Services.Configure<PostgresGrainStorageOptions>(builder.Configuration.GetSection(GrainStorageSection));
        builder.Services.AddPostgresReminders(connectionString);
        return builder;
    }

    private static async Task MigrateAsync(
        string connectionString, IReadOnlyList<SchemaMigrations> additionalSchemas, ILoggerFactory loggerFactory, ILogger logger,
        CancellationToken cancellationToken)
    {
        await using var dataSource = PostgresServiceCollectionExtensions.CreateDataSource(connectionString, loggerFactory);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await PostgresSchema.MigrateAsync(
                    dataSource, PostgresSchema.RuntimeScope, PostgresSchema.Discover(typeof(PostgresSchema).Assembly), logger, cancellationToken);
                foreach (var schema in additionalSchemas)
                {
                    await PostgresSchema.MigrateAsync(dataSource, schema.Scope, PostgresSchema.Discover(schema.Assembly), logger, cancellationToken);
                }

                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < ConnectRetryDelays.Length)
            {
                // A configured server may still be starting (containers starting together): wait a little, then fail clearly.
                LogDatabaseNotReady(logger, ConnectRetryDelays[attempt], ex.Message);
                await Task.Delay(ConnectRetryDelays[attempt], cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Using the configured PostgreSQL server")]
    private static partial void LogUsingConfiguredServer(ILogger logger);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "PostgreSQL is not reachable yet, retrying in {Delay}: {Reason}")]
    private static partial void LogDatabaseNotReady(ILogger logger, TimeSpan delay, string reason);
}
