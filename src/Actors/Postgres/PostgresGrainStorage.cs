using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Postgres;

/// <summary>
/// Grain state in PostgreSQL (table <c>vetactors_grain_state</c>): one row per state under a real primary key,
/// the payload as <c>jsonb</c>, and a <c>bigint</c> version as the ETag. Every write is a single statement
/// fenced on the version, committed with <c>synchronous_commit</c> on before it returns.
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage
{
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    private const string ReadSql = $"SELECT payload, version FROM vetactors_grain_state WHERE {Key}";

    private const string ReadVersionSql = $"SELECT version FROM vetactors_grain_state WHERE {Key}";

    private const string UpdateSql =
        $"UPDATE vetactors_grain_state SET payload = $5, version = version + 1, modified_at = $6 WHERE {Key} AND version = $7 RETURNING version";

    private const string InsertSql =
        "INSERT INTO vetactors_grain_state (service_id, grain_type, grain_key, state_name, payload, version, modified_at) " +
        "VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING RETURNING version";

    private const string ClearSql =
        $"UPDATE vetactors_grain_state SET payload = NULL, version = version + 1, modified_at = $5 WHERE {Key} AND version = $6 RETURNING version";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresGrainStorage> _logger;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostgresGrainStorage> logger)
    {
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        AddKey(command, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        // Typed explicitly: a null byte[] converts to an empty ReadOnlyMemory, not to a missing payload.
        ReadOnlyMemory<byte>? payload = await reader.IsDBNullAsync(0, cancellationToken)
            ? (ReadOnlyMemory<byte>?)null
            : reader.GetFieldValue<byte[]>(0);
        return new GrainStateRecord(payload, FormatEtag(reader.GetInt64(1)));
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        await using var command = _dataSource.CreateCommand(expectedEtag is null ? InsertSql : UpdateSql);
        AddKey(command, id);
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = payload });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        if (expectedEtag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ParseEtag(id, expectedEtag) });
        }

        if (await command.ExecuteScalarAsync(cancellationToken) is long version)
        {
            return FormatEtag(version);
        }

        throw await ConflictAsync(id, expectedEtag, "write", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Nothing was read, so nothing may be stored: clearing an absent state is a no-op, a present one a conflict.
            var stored = await ReadVersionAsync(id, cancellationToken);
            return stored is null ? null : throw Conflict(id, expectedEtag, FormatEtag(stored.Value), "clear");
        }

        await using var command = _dataSource.CreateCommand(ClearSql);
        AddKey(command, id);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _timeProvider.GetUtcNow().ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ParseEtag(id, expectedEtag) });
        if (await command.ExecuteScalarAsync(cancellationToken) is long version)
        {
            return FormatEtag(version);
        }

        throw await ConflictAsync(id, expectedEtag, "clear", cancellationToken);
    }

    private static void AddKey(NpgsqlCommand command, GrainStateId id)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.StateName });
    }

    private async Task<long?> ReadVersionAsync(GrainStateId id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadVersionSql);
        AddKey(command, id);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    private async Task<InconsistentStateException> ConflictAsync(GrainStateId id, string? expectedEtag, string operation, CancellationToken cancellationToken)
    {
        // Informational only: by the time it is read another writer may have moved the version again.
        var stored = await ReadVersionAsync(id, cancellationToken);
        return Conflict(id, expectedEtag, stored is null ? null : FormatEtag(stored.Value), operation);
    }

    private InconsistentStateException Conflict(GrainStateId id, string? expectedEtag, string? storedEtag, string operation)
    {
        LogConflict(_logger, operation, id.GrainType, id.GrainKey, id.StateName, expectedEtag ?? "none", storedEtag ?? "none");
        return new InconsistentStateException(
            $"Version conflict on {operation} of state '{id.StateName}' of {id.GrainType}/{id.GrainKey}: " +
            $"expected {expectedEtag ?? "no stored state"}, found {storedEtag ?? "no stored state"}.",
            storedEtag,
            expectedEtag);
    }

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private long ParseEtag(GrainStateId id, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Conflict(id, etag, storedEtag: null, "write");

    [LoggerMessage(EventId = 7020, Level = LogLevel.Debug,
        Message = "ETag conflict on {Operation} of {GrainType}/{GrainKey} state {StateName}: expected {Expected}, stored {Stored}")]
    private static partial void LogConflict(
        ILogger logger, string operation, string grainType, string grainKey, string stateName, string expected, string stored);
}
