namespace VetActors.Actors.Timers;

/// <summary>How a grain timer ticks (Orleans' options of the same name).</summary>
public readonly record struct GrainTimerCreationOptions
{
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> keeps the timer disarmed.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Delay between the end of a tick and the next one; <see cref="Timeout.InfiniteTimeSpan"/> for a single tick.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Whether ticks may interleave with the grain's requests (default: a tick is a turn of its own).</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether a tick counts as activity that keeps the activation from being collected as idle.</summary>
    public bool KeepAlive { get; init; }
}
