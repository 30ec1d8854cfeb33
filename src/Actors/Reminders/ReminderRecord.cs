namespace VetActors.Actors.Reminders;

/// <summary>
/// One durable reminder row. <see cref="Period"/> of <see cref="TimeSpan.Zero"/> makes it a one-shot
/// durable timer (deleted once delivered); otherwise the next due time is computed from the grid
/// <c>FirstDue + k * Period</c>.
/// </summary>
/// <param name="ServiceId">The service the reminder belongs to (several deployments may share a database).</param>
/// <param name="GrainId">The grain to deliver to; delivery activates it when needed.</param>
/// <param name="Name">Unique per grain.</param>
/// <param name="FirstDue">The first due time as registered.</param>
/// <param name="TickDue">The scheduled time of the tick being delivered; retries keep it, so the grain sees the original due time.</param>
/// <param name="DueAt">When the next delivery attempt is due (equals <paramref name="TickDue"/> unless a delivery failed).</param>
/// <param name="Period">Zero for one-shot.</param>
/// <param name="Attempts">Failed deliveries of the current tick so far.</param>
/// <param name="Etag">The row version; claims and acknowledgements are fenced on it.</param>
public sealed record ReminderRecord(
    string ServiceId,
    GrainId GrainId,
    string Name,
    DateTimeOffset FirstDue,
    DateTimeOffset TickDue,
    DateTimeOffset DueAt,
    TimeSpan Period,
    int Attempts,
    string Etag)
{
    public bool IsOneShot => Period == TimeSpan.Zero;
}
