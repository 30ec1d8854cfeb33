using Npgsql;
using NpgsqlTypes;
using VetActors.Actors.Storage;

namespace VetActors.Actors.Postgres.Internal;

/// <summary>The statements over <c>vetactors_grain_state</c>, shared by single and batched execution.</summary>
internal static class GrainStateSql
{
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    public const string Read = $"SELECT payload, version FROM vetactors_grain_state WHERE {Key}";

    public const string ReadVersion = $"SELECT version FROM vetactors_grain_state WHERE {Key}";

    public const string Update =
        $"UPDATE vetactors_grain_state SET payload = $5, version = version + 1, modified_at = $6 WHERE {Key} AND version = $7 RETURNING version";

    public const string Insert =
        "INSERT INTO vetactors_grain_state (service_id, grain_type, grain_key, state_name, payload, version, modified_at) " +
        "VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING RETURNING version";

    public const string Clear =
        $"UPDATE vetactors_grain_state SET payload = NULL, version = version + 1, modified_at = $5 WHERE {Key} AND version = $6 RETURNING version";

    public static void AddKey(NpgsqlParameterCollection parameters, GrainStateId id)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = id.ServiceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = id.GrainType });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = id.GrainKey });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = id.StateName });
    }

    /// <summary>The statement text and parameters of one write: an insert without an expected version, else a fenced update.</summary>
    public static string Write(NpgsqlParameterCollection parameters, PendingWrite write)
    {
        AddKey(parameters, write.Id);
        parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = write.Payload });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = write.ModifiedAt.ToUniversalTime() });
        if (write.ExpectedVersion is { } expected)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
            return Update;
        }

        return Insert;
    }
}
