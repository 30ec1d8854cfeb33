using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using VetActors.Actors.Reminders;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Postgres;

/// <summary>
/// Registers the PostgreSQL implementations of <see cref="IGrainStorage"/> and <see cref="IReminderTable"/>. They
/// replace any earlier registration (the in-memory stores included) and share one <see cref="NpgsqlDataSource"/>
/// per container: the first one registered. The schema is not touched here; call
/// <see cref="PostgresSchema.MigrateAsync(NpgsqlDataSource, CancellationToken)"/> at start-up.
/// </summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Uses PostgreSQL for grain state, connecting with <paramref name="connectionString"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, string connectionString, Action<PostgresGrainStorageOptions>? configure = null)
    {
        AddDataSource(services, connectionString);
        return AddGrainStorageCore(services, configure);
    }

    /// <summary>Uses PostgreSQL for grain state through <paramref name="dataSource"/> (owned and disposed by the caller).</summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, NpgsqlDataSource dataSource, Action<PostgresGrainStorageOptions>? configure = null)
    {
        AddDataSource(services, dataSource);
        return AddGrainStorageCore(services, configure);
    }

    /// <summary>Uses PostgreSQL for reminders and durable timers, connecting with <paramref name="connectionString"/>.</summary>
    public static IServiceCollection AddPostgresReminders(this IServiceCollection services, string connectionString)
    {
        AddDataSource(services, connectionString);
        return AddRemindersCore(services);
    }

    /// <summary>Uses PostgreSQL for reminders and durable timers through <paramref name="dataSource"/> (owned by the caller).</summary>
    public static IServiceCollection AddPostgresReminders(this IServiceCollection services, NpgsqlDataSource dataSource)
    {
        AddDataSource(services, dataSource);
        return AddRemindersCore(services);
    }

    /// <summary>
    /// Builds the data source the PostgreSQL stores use from a connection string; parameter values are never logged.
    /// Statements are not auto-prepared unless the connection string asks: with Npgsql 10, a failed statement in a
    /// batch that was being auto-prepared can leave a pooled connection reading another command's rows.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        // Payloads are customer data: the data source must never put parameter values into logs.
        builder.EnableParameterLogging(false);
        return builder.Build();
    }

    private static void AddDataSource(IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(sp => CreateDataSource(connectionString, sp.GetService<ILoggerFactory>()));
    }

    private static void AddDataSource(IServiceCollection services, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSource);
        services.TryAddSingleton(dataSource);
    }

    private static IServiceCollection AddGrainStorageCore(IServiceCollection services, Action<PostgresGrainStorageOptions>? configure)
    {
        services.AddLogging();
        var options = services.AddOptions<PostgresGrainStorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresGrainStorage>();
        services.RemoveAll<IGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<PostgresGrainStorage>());
        return services;
    }

    private static IServiceCollection AddRemindersCore(IServiceCollection services)
    {
        services.TryAddSingleton<PostgresReminderTable>();
        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<PostgresReminderTable>());
        return services;
    }
}
