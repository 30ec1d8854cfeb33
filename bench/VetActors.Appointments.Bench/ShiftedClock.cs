namespace VetActors.Appointments.Bench;

/// <summary>
/// The system clock moved forward by an offset the benchmark can jump, so that a day passes instantly while
/// the last minute before the deadlines runs in real time. Timers stay on real time: the reminder service's
/// polling notices a jump at its next poll.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward so that it reads <paramref name="target"/> now.</summary>
    public void JumpTo(DateTimeOffset target)
    {
        var delta = (target - GetUtcNow()).Ticks;
        if (delta > 0)
        {
            Interlocked.Add(ref _offsetTicks, delta);
        }
    }
}
