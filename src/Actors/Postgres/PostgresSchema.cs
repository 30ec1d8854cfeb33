using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VetActors.Actors.Postgres.Internal;

namespace VetActors.Actors.Postgres;

/// <summary>
/// Creates and upgrades the database schema at start-up: idempotent, versioned per scope in
/// <c>vetactors_schema_migrations</c>, and serialised by a PostgreSQL advisory lock so that silos starting
/// together apply each step exactly once.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The scope of the runtime's own tables (grain state, reminders).</summary>
    public const string RuntimeScope = "actors";

    /// <summary>Applies the runtime's pending migrations.</summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        MigrateAsync(dataSource, RuntimeScope, Discover(typeof(PostgresSchema).Assembly), logger: null, cancellationToken);

    /// <summary>
    /// Applies the pending <paramref name="migrations"/> of <paramref name="scope"/> (e.g. the domain's tables), in
    /// version order, in one transaction: either all pending steps are applied or none.
    /// </summary>
    public static Task MigrateAsync(
        NpgsqlDataSource dataSource, string scope, IEnumerable<PostgresMigration> migrations, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(migrations);
        return MigrationRunner.RunAsync(dataSource, scope, [.. migrations], logger ?? NullLogger.Instance, cancellationToken);
    }

    /// <summary>Every non-abstract <see cref="PostgresMigration"/> with a parameterless constructor in an assembly.</summary>
    public static IReadOnlyList<PostgresMigration> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(PostgresMigration)))
            .Select(t => (PostgresMigration)Activator.CreateInstance(t, nonPublic: true)!)
            .OrderBy(m => m.Version)
            .ToList();
    }
}
