using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using VetActors.Actors.Postgres.Internal;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Postgres;

/// <summary>
/// Grain state in PostgreSQL (table <c>vetactors_grain_state</c>): one row per state under a real primary key,
/// the payload as <c>jsonb</c>, and a <c>bigint</c> version as the ETag. Every write is fenced on the version and
/// returns only after its transaction committed (<c>synchronous_commit</c> on); concurrent writes share commits
/// (see <see cref="PostgresGrainStorageOptions"/>).
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresGrainStorage> _logger;
    private readonly WriteBatcher? _batcher;

    public PostgresGrainStorage(
        NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostgresGrainStorage> logger, IOptions<PostgresGrainStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        _logger = logger;
        var settings = options.Value;
        if (settings.MaxBatchSize < 1 || settings.MaxConcurrentBatches < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize and MaxConcurrentBatches must be at least 1.");
        }

        _batcher = settings.MaxBatchSize > 1 ? new WriteBatcher(dataSource, settings.MaxBatchSize, settings.MaxConcurrentBatches) : null;
    }

    /// <inheritdoc />
    public async Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(GrainStateSql.Read);
        GrainStateSql.AddKey(command.Parameters, id);
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
        var expected = expectedEtag is null ? (long?)null : ParseEtag(id, expectedEtag);
        var write = new PendingWrite(id, payload, expected, _timeProvider.GetUtcNow(), cancellationToken);
        var version = _batcher is null
            ? await WriteBatcher.ExecuteSingleAsync(_dataSource, write)
            : await _batcher.WriteAsync(write);
        return version is { } v ? FormatEtag(v) : throw await ConflictAsync(id, expectedEtag, "write", cancellationToken);
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

        await using var command = _dataSource.CreateCommand(GrainStateSql.Clear);
        GrainStateSql.AddKey(command.Parameters, id);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _timeProvider.GetUtcNow().ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ParseEtag(id, expectedEtag) });
        if (await command.ExecuteScalarAsync(cancellationToken) is long version)
        {
            return FormatEtag(version);
        }

        throw await ConflictAsync(id, expectedEtag, "clear", cancellationToken);
    }

    /// <summary>Sends the writes still queued, then stops the batching loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_batcher is not null)
        {
            await _batcher.DisposeAsync();
        }
    }

    /// <summary>Synchronous disposal (a container disposed with <c>Dispose()</c>): same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<long?> ReadVersionAsync(GrainStateId id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(GrainStateSql.ReadVersion);
        GrainStateSql.AddKey(command.Parameters, id);
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
