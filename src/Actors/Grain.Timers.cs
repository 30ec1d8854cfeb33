using VetActors.Actors.Internal;
using VetActors.Actors.Timers;

namespace VetActors.Actors;

public abstract partial class Grain
{
    /// <summary>
    /// Registers a timer whose ticks run as turns of this activation (never overlapping, never durable: it
    /// dies with the activation). Use a reminder for anything that must survive.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        GrainTimer.ValidatePeriod(options.DueTime, nameof(options));
        GrainTimer.ValidatePeriod(options.Period, nameof(options));
        return new GrainTimer<TState>(_activation, callback, state, options);
    }

    /// <summary>Registers a timer without a state argument.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (cb, ct) => cb(ct), callback, options);
    }

    /// <summary>Registers a timer ticking after <paramref name="dueTime"/> and then every <paramref name="period"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));
}
