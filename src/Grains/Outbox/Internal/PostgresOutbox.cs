using Npgsql;
using VetActors.Actors;

namespace VetActors.Grains.Outbox.Internal;

/// <summary>The outbox in table <c>vetactors_outbox</c>: an insert is the acknowledgement, delivery claims rows with <c>FOR UPDATE SKIP LOCKED</c>.</summary>
internal sealed class PostgresOutbox(NpgsqlDataSource dataSource, TimeProvider time, IGrainFactory? grains = null) : IOutbox
{
    private const string Columns = "id, clinic_id, channel, recipient, subject, body, status, attempts, created_at, sent_at, last_error";

    public async Task<long> EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await PetGate.EnsureAllowedAsync(grains, message);
        await ConsentGate.EnsureAllowedAsync(grains, message);
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO vetactors_outbox (clinic_id, channel, recipient, subject, body, created_at, next_attempt_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = message.ClinicId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)message.Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = message.To });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Body });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM vetactors_outbox WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Takes up to <paramref name="count"/> due messages, reserving them until <paramref name="leaseUntil"/> and counting the attempt.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int count, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE vetactors_outbox SET next_attempt_at = $3, attempts = attempts + 1 WHERE id IN (" +
            "SELECT id FROM vetactors_outbox WHERE status = 1 AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED) " +
            $"RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        command.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        var claimed = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(Read(reader));
        }

        return claimed;
    }

    public async Task MarkSentAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE vetactors_outbox SET status = 2, sent_at = $2, last_error = NULL WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or failed for good when it is <c>null</c>.</summary>
    public async Task MarkFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(retryAt is null
            ? "UPDATE vetactors_outbox SET status = 3, last_error = $2 WHERE id = $1"
            : "UPDATE vetactors_outbox SET next_attempt_at = $3, last_error = $2 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = error.Length > 1000 ? error[..1000] : error });
        if (retryAt is { } at)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = at });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static OutboxEntry Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new OutgoingMessage(reader.GetString(1), (MessageChannel)reader.GetInt16(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)),
        (DeliveryStatus)reader.GetInt16(6),
        reader.GetInt32(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetString(10));
}
