namespace VetActors.Actors.Reminders;

/// <summary>
/// Durable reminder and one-shot timer rows. Due rows are claimed with a lease
/// (<c>FOR UPDATE SKIP LOCKED</c> in PostgreSQL) so that several silos never deliver the same tick at
/// once, and a tick whose owner died is claimed again when its lease runs out: delivery is at least once.
/// </summary>
public interface IReminderTable
{
    /// <summary>Inserts or replaces the reminder (same service, grain and name); returns it with its new ETag.</summary>
    Task<ReminderRecord> UpsertAsync(ReminderRecord reminder, CancellationToken cancellationToken);

    /// <summary>Reads one reminder, or <c>null</c>.</summary>
    Task<ReminderRecord?> ReadAsync(string serviceId, GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>Reads every reminder of a grain.</summary>
    Task<IReadOnlyList<ReminderRecord>> ReadForGrainAsync(string serviceId, GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Deletes a reminder; <c>false</c> when it did not exist.</summary>
    Task<bool> RemoveAsync(string serviceId, GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="maxCount"/> rows due at or before <paramref name="now"/> whose lease is
    /// free or expired, leasing them to <paramref name="ownerId"/> until <paramref name="leaseUntil"/>.
    /// Returned records carry the ETag of the claim.
    /// </summary>
    Task<IReadOnlyList<ReminderRecord>> ClaimDueAsync(
        string serviceId, DateTimeOffset now, int maxCount, string ownerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Records a successful delivery of a claimed tick: a one-shot row is deleted, a periodic one moves to
    /// <paramref name="nextDue"/> with its attempts reset. Fenced on the claim's ETag: returns <c>false</c>
    /// (and changes nothing) when the row was re-registered or removed meanwhile.
    /// </summary>
    Task<bool> CompleteAsync(ReminderRecord claimed, DateTimeOffset? nextDue, CancellationToken cancellationToken);

    /// <summary>Releases a claimed tick after a failed delivery, to be retried at <paramref name="retryAt"/>.</summary>
    Task<bool> RetryLaterAsync(ReminderRecord claimed, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>The earliest due time of an unleased row of the service, or <c>null</c> when none.</summary>
    Task<DateTimeOffset?> GetNextDueAsync(string serviceId, CancellationToken cancellationToken);
}
