namespace VetActors.Actors.Reminders;

/// <summary>
/// Describes a delivered reminder tick. Unlike Orleans, <see cref="CurrentTickTime"/> is the tick's scheduled
/// due time, kept even when the tick is delivered late (after downtime or retries), so a deadline handler
/// sees the deadline it registered.
/// </summary>
/// <param name="FirstTickTime">The first due time as registered.</param>
/// <param name="Period">The period; <see cref="TimeSpan.Zero"/> for a one-shot reminder.</param>
/// <param name="CurrentTickTime">The scheduled due time of this tick.</param>
/// <param name="Attempt">How many earlier deliveries of this tick failed.</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime, int Attempt = 0)
{
    /// <summary>Whether this is a one-shot reminder (delivered once, then removed).</summary>
    public bool IsOneShot => Period == TimeSpan.Zero;
}
