using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VetActors.Actors.Postgres.Internal;

/// <summary>Applies pending migrations under a transaction-scoped advisory lock.</summary>
internal static partial class MigrationRunner
{
    // Any fixed 64-bit number works as long as every silo uses the same one: "VETACTOR" in ASCII.
    private const long AdvisoryLockKey = 0x5645_5441_4354_4F52;

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS vetactors_schema_migrations (
            scope       text        NOT NULL,
            version     integer     NOT NULL,
            description text        NOT NULL,
            checksum    text        NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (scope, version)
        )
        """;

    public static async Task RunAsync(
        NpgsqlDataSource dataSource, string scope, IReadOnlyList<PostgresMigration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two '{scope}' migrations share version {duplicate.Key}.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Taken before even creating the history table: concurrent CREATE TABLE IF NOT EXISTS can still collide.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(CreateHistoryTable, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await ReadAppliedAsync(connection, transaction, scope, cancellationToken);
        var pending = 0;
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            var checksum = Checksum(migration.Sql);
            if (applied.TryGetValue(migration.Version, out var appliedChecksum))
            {
                if (appliedChecksum != checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {scope}/{migration.Version} ({migration.Description}) was changed after it was applied. " +
                        "Applied migrations are history: add a new migration instead of editing one.");
                }

                continue;
            }

            await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO vetactors_schema_migrations (scope, version, description, checksum) VALUES ($1, $2, $3, $4)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = scope });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Description });
                record.Parameters.Add(new NpgsqlParameter { Value = checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            LogApplied(logger, scope, migration.Version, migration.Description);
            pending++;
        }

        await transaction.CommitAsync(cancellationToken);

        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        var unknown = applied.Keys.Where(v => v > newest).ToList();
        if (unknown.Count > 0)
        {
            // A newer build migrated this database: this one keeps working on the columns it knows.
            LogNewerSchema(logger, scope, unknown.Max(), newest);
        }

        var version = Math.Max(newest, applied.Count == 0 ? 0 : applied.Keys.Max());
        LogUpToDate(logger, scope, pending, version);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT version, checksum FROM vetactors_schema_migrations WHERE scope = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = scope });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    // Line endings are normalised so that a checkout with CRLF does not look like an edited migration.
    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n").Trim())));

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Applied migration {Scope}/{Version}: {Description}")]
    private static partial void LogApplied(ILogger logger, string scope, int version, string description);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Schema {Scope} is up to date at version {Version} ({Applied} applied now)")]
    private static partial void LogUpToDate(ILogger logger, string scope, int applied, int version);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Schema {Scope} is at version {DatabaseVersion}, newer than this build's {BuildVersion}")]
    private static partial void LogNewerSchema(ILogger logger, string scope, int databaseVersion, int buildVersion);
}
