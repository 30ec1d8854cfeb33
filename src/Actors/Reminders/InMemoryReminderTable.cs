using System.Globalization;

namespace VetActors.Actors.Reminders;

/// <summary>
/// <see cref="IReminderTable"/> in process memory, for tests: the same claim, lease and ETag-fencing rules
/// as the PostgreSQL table. Nothing survives the process, but one instance can outlive several silos.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string ServiceId, GrainId GrainId, string Name), Row> _rows = [];
    private long _version;

    /// <summary>How many rows are stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    public Task<ReminderRecord> UpsertAsync(ReminderRecord reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = reminder with { Etag = NextEtag() };
            _rows[(reminder.ServiceId, reminder.GrainId, reminder.Name)] = new Row(stored, null, null);
            return Task.FromResult(stored);
        }
    }

    public Task<ReminderRecord?> ReadAsync(string serviceId, GrainId grainId, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue((serviceId, grainId, name), out var row) ? row.Record : null);
        }
    }

    public Task<IReadOnlyList<ReminderRecord>> ReadForGrainAsync(string serviceId, GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderRecord> rows = [.. _rows.Values
                .Where(r => r.Record.ServiceId == serviceId && r.Record.GrainId == grainId)
                .Select(r => r.Record)
                .OrderBy(r => r.Name, StringComparer.Ordinal)];
            return Task.FromResult(rows);
        }
    }

    public Task<bool> RemoveAsync(string serviceId, GrainId grainId, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.Remove((serviceId, grainId, name)));
        }
    }

    public Task<IReadOnlyList<ReminderRecord>> ClaimDueAsync(
        string serviceId, DateTimeOffset now, int maxCount, string ownerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var due = _rows
                .Where(r => r.Key.ServiceId == serviceId && r.Value.Record.DueAt <= now && (r.Value.LeaseUntil is null || r.Value.LeaseUntil <= now))
                .OrderBy(r => r.Value.Record.DueAt)
                .Take(maxCount)
                .ToList();
            var claimed = new List<ReminderRecord>(due.Count);
            foreach (var (key, row) in due)
            {
                var record = row.Record with { Etag = NextEtag() };
                _rows[key] = new Row(record, ownerId, leaseUntil);
                claimed.Add(record);
            }

            return Task.FromResult<IReadOnlyList<ReminderRecord>>(claimed);
        }
    }

    public Task<bool> CompleteAsync(ReminderRecord claimed, DateTimeOffset? nextDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (claimed.ServiceId, claimed.GrainId, claimed.Name);
            if (!_rows.TryGetValue(key, out var row) || row.Record.Etag != claimed.Etag)
            {
                return Task.FromResult(false);
            }

            if (nextDue is not { } next)
            {
                _rows.Remove(key);
            }
            else
            {
                _rows[key] = new Row(row.Record with { TickDue = next, DueAt = next, Attempts = 0, Etag = NextEtag() }, null, null);
            }

            return Task.FromResult(true);
        }
    }

    public Task<bool> RetryLaterAsync(ReminderRecord claimed, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (claimed.ServiceId, claimed.GrainId, claimed.Name);
            if (!_rows.TryGetValue(key, out var row) || row.Record.Etag != claimed.Etag)
            {
                return Task.FromResult(false);
            }

            _rows[key] = new Row(row.Record with { DueAt = retryAt, Attempts = row.Record.Attempts + 1, Etag = NextEtag() }, null, null);
            return Task.FromResult(true);
        }
    }

    public Task<DateTimeOffset?> GetNextDueAsync(string serviceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // As the PostgreSQL table: a leased row becomes available again when its lease runs out.
            DateTimeOffset? next = null;
            foreach (var row in _rows.Values)
            {
                var available = row.LeaseUntil is { } lease && lease > row.Record.DueAt ? lease : row.Record.DueAt;
                if (row.Record.ServiceId == serviceId && (next is null || available < next))
                {
                    next = available;
                }
            }

            return Task.FromResult(next);
        }
    }

    private string NextEtag() => (++_version).ToString(CultureInfo.InvariantCulture);

    private sealed record Row(ReminderRecord Record, string? LeaseOwner, DateTimeOffset? LeaseUntil);
}
