using System.Globalization;
using Npgsql;
using VetActors.Actors.Reminders;

namespace VetActors.Actors.Postgres;

/// <summary>
/// Reminders and one-shot durable timers in PostgreSQL (table <c>vetactors_reminders</c>). Due rows are leased to
/// one claimer at a time with <c>FOR UPDATE SKIP LOCKED</c>; a lease that runs out makes the row claimable again;
/// acknowledgements are fenced on the version returned by the claim.
/// </summary>
public sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns =
        "service_id, grain_type, grain_key, name, first_due, tick_due, due_at, period, attempts, version";

    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND name = $4";

    // A re-registration replaces the schedule, clears any lease and bumps the version, so an in-flight delivery of
    // the old schedule can no longer acknowledge (its fence fails).
    private const string UpsertSql = $"""
        INSERT INTO vetactors_reminders AS r
            (service_id, grain_type, grain_key, name, first_due, tick_due, due_at, period, attempts, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 1)
        ON CONFLICT (service_id, grain_type, grain_key, name) DO UPDATE SET
            first_due = excluded.first_due, tick_due = excluded.tick_due, due_at = excluded.due_at,
            period = excluded.period, attempts = 0, lease_owner = NULL, lease_until = NULL, version = r.version + 1
        RETURNING {Columns}
        """;

    private const string ReadSql = $"SELECT {Columns} FROM vetactors_reminders WHERE {Key}";

    private const string ReadForGrainSql =
        $"SELECT {Columns} FROM vetactors_reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 ORDER BY name";

    private const string RemoveSql = $"DELETE FROM vetactors_reminders WHERE {Key}";

    // available_at = GREATEST(due_at, lease_until): a row is claimable when it is due and not under a live lease.
    // Rows locked by a concurrent claimer are skipped, not waited for, so claimers never block one another.
    private const string ClaimSql = $"""
        WITH due AS (
            SELECT service_id, grain_type, grain_key, name
            FROM vetactors_reminders
            WHERE service_id = $1 AND available_at <= $2
            ORDER BY available_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        UPDATE vetactors_reminders AS r
        SET lease_owner = $4, lease_until = $5, version = r.version + 1
        FROM due
        WHERE r.service_id = due.service_id AND r.grain_type = due.grain_type AND r.grain_key = due.grain_key AND r.name = due.name
        RETURNING r.service_id, r.grain_type, r.grain_key, r.name, r.first_due, r.tick_due, r.due_at, r.period, r.attempts, r.version
        """;

    private const string CompleteOneShotSql = $"DELETE FROM vetactors_reminders WHERE {Key} AND version = $5";

    private const string CompletePeriodicSql = $"""
        UPDATE vetactors_reminders
        SET tick_due = $6, due_at = $6, attempts = 0, lease_owner = NULL, lease_until = NULL, version = version + 1
        WHERE {Key} AND version = $5
        """;

    private const string RetrySql = $"""
        UPDATE vetactors_reminders
        SET due_at = $6, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL, version = version + 1
        WHERE {Key} AND version = $5
        """;

    private const string NextDueSql = "SELECT min(available_at) FROM vetactors_reminders WHERE service_id = $1";

    private readonly NpgsqlDataSource _dataSource;

    public PostgresReminderTable(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    /// <inheritdoc />
    public async Task<ReminderRecord> UpsertAsync(ReminderRecord reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (reminder.Period < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(reminder), reminder.Period, "A reminder's period cannot be negative.");
        }

        await using var command = _dataSource.CreateCommand(UpsertSql);
        AddKey(command, reminder.ServiceId, reminder.GrainId, reminder.Name);
        command.Parameters.Add(Timestamp(reminder.FirstDue));
        command.Parameters.Add(Timestamp(reminder.TickDue));
        command.Parameters.Add(Timestamp(reminder.DueAt));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = reminder.Period });
        var rows = await ReadRecordsAsync(command, cancellationToken);
        return rows[0];
    }

    /// <inheritdoc />
    public async Task<ReminderRecord?> ReadAsync(string serviceId, GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        AddKey(command, serviceId, grainId, name);
        var rows = await ReadRecordsAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderRecord>> ReadForGrainAsync(string serviceId, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadForGrainSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        return await ReadRecordsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string serviceId, GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(RemoveSql);
        AddKey(command, serviceId, grainId, name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderRecord>> ClaimDueAsync(
        string serviceId, DateTimeOffset now, int maxCount, string ownerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        if (leaseUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseUntil), leaseUntil, "A lease must end after the claim.");
        }

        await using var command = _dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(Timestamp(now));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ownerId });
        command.Parameters.Add(Timestamp(leaseUntil));
        var claimed = await ReadRecordsAsync(command, cancellationToken);

        // RETURNING gives no order; deliver the most overdue first.
        claimed.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(ReminderRecord claimed, DateTimeOffset? nextDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var oneShot = claimed.IsOneShot || nextDue is null;
        await using var command = _dataSource.CreateCommand(oneShot ? CompleteOneShotSql : CompletePeriodicSql);
        AddFence(command, claimed);
        if (!oneShot)
        {
            command.Parameters.Add(Timestamp(nextDue!.Value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> RetryLaterAsync(ReminderRecord claimed, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        await using var command = _dataSource.CreateCommand(RetrySql);
        AddFence(command, claimed);
        command.Parameters.Add(Timestamp(retryAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetNextDueAsync(string serviceId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(NextDueSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(0);
    }

    // Npgsql writes only UTC offsets to timestamptz; an instant is an instant whatever offset the caller used.
    private static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    private static void AddKey(NpgsqlCommand command, string serviceId, GrainId grainId, string name)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
    }

    private static void AddFence(NpgsqlCommand command, ReminderRecord claimed)
    {
        AddKey(command, claimed.ServiceId, claimed.GrainId, claimed.Name);
        command.Parameters.Add(new NpgsqlParameter<long>
        {
            // An ETag this table never issued matches no row: the acknowledgement is refused, not misapplied.
            TypedValue = long.TryParse(claimed.Etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1,
        });
    }

    private static async Task<List<ReminderRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ReminderRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ReminderRecord(
                ServiceId: reader.GetString(0),
                GrainId: new GrainId(reader.GetString(1), reader.GetString(2)),
                Name: reader.GetString(3),
                FirstDue: reader.GetFieldValue<DateTimeOffset>(4),
                TickDue: reader.GetFieldValue<DateTimeOffset>(5),
                DueAt: reader.GetFieldValue<DateTimeOffset>(6),
                Period: reader.GetFieldValue<TimeSpan>(7),
                Attempts: reader.GetInt32(8),
                Etag: reader.GetInt64(9).ToString(CultureInfo.InvariantCulture)));
        }

        return records;
    }
}
