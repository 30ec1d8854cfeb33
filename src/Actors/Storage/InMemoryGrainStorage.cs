using System.Collections.Concurrent;
using System.Globalization;

namespace VetActors.Actors.Storage;

/// <summary>
/// <see cref="IGrainStorage"/> in process memory, for tests: the same ETag rules as the PostgreSQL store
/// (a version number per row, <c>null</c> means "insert only", a clear keeps the row and bumps the version).
/// Nothing survives the process.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainStateId, Row> _rows = new();

    /// <summary>How many rows are stored (cleared rows included).</summary>
    public int Count => _rows.Count;

    public Task<GrainStateRecord?> ReadAsync(GrainStateId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_rows.TryGetValue(id, out var row) ? row.ToRecord() : null);
    }

    public Task<string> WriteAsync(GrainStateId id, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var copy = payload.ToArray();
        while (true)
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                if (expectedEtag is not null)
                {
                    throw Conflict(id, storedEtag: null, expectedEtag);
                }

                var inserted = new Row(copy, 1);
                if (_rows.TryAdd(id, inserted))
                {
                    return Task.FromResult(inserted.Etag);
                }

                continue;
            }

            if (!string.Equals(row.Etag, expectedEtag, StringComparison.Ordinal))
            {
                throw Conflict(id, row.Etag, expectedEtag);
            }

            var updated = new Row(copy, row.Version + 1);
            if (_rows.TryUpdate(id, updated, row))
            {
                return Task.FromResult(updated.Etag);
            }
        }
    }

    public Task<string?> ClearAsync(GrainStateId id, string? expectedEtag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                return expectedEtag is null ? Task.FromResult<string?>(null) : throw Conflict(id, storedEtag: null, expectedEtag);
            }

            if (!string.Equals(row.Etag, expectedEtag, StringComparison.Ordinal))
            {
                throw Conflict(id, row.Etag, expectedEtag);
            }

            var cleared = new Row(null, row.Version + 1);
            if (_rows.TryUpdate(id, cleared, row))
            {
                return Task.FromResult<string?>(cleared.Etag);
            }
        }
    }

    private static InconsistentStateException Conflict(GrainStateId id, string? storedEtag, string? expectedEtag) =>
        new($"Version conflict on {id.GrainType}/{id.GrainKey} state '{id.StateName}': stored {storedEtag ?? "none"}, expected {expectedEtag ?? "none"}.",
            storedEtag, expectedEtag);

    private sealed class Row(byte[]? payload, long version)
    {
        public long Version { get; } = version;

        public string Etag { get; } = version.ToString(CultureInfo.InvariantCulture);

        public GrainStateRecord ToRecord() => new(payload is null ? (ReadOnlyMemory<byte>?)null : payload.ToArray(), Etag);
    }
}
