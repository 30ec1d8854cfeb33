namespace VetActors.Actors.Timers;

/// <summary>A timer owned by one activation; it dies with the activation and is not durable.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>
    /// Re-arms the timer. <paramref name="period"/> of <see cref="Timeout.InfiniteTimeSpan"/> makes the next tick
    /// the last one; the period is counted from the end of each tick, so ticks never overlap.
    /// </summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
