using VetActors.Actors.Timers;

namespace VetActors.Actors.Internal;

/// <summary>
/// A grain timer: each tick is a turn of its activation, and the next tick is armed only when the previous
/// one has finished, so ticks never overlap and the period runs from the end of a tick.
/// </summary>
internal abstract class GrainTimer : IGrainTimer
{
    private readonly Lock _lock = new();
    private readonly Activation _activation;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _cancellation = new();
    private TimeSpan _period;
    private bool _ticking;
    private bool _changedDuringTick;
    private bool _disposed;

    protected GrainTimer(Activation activation, GrainTimerCreationOptions options)
    {
        _activation = activation;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        _period = options.Period;
        _timer = activation.Runtime.Time.CreateTimer(static s => ((GrainTimer)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        activation.AddTimer(this);
        if (KeepAlive)
        {
            activation.AdjustKeepAliveTimers(1);
        }

        Arm(options.DueTime);
    }

    internal bool Interleave { get; }

    internal bool KeepAlive { get; }

    protected CancellationToken Token => _cancellation.Token;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            if (_ticking)
            {
                _changedDuringTick = true;
            }
        }

        Arm(dueTime);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
        _activation.RemoveTimer(this);
        if (KeepAlive)
        {
            _activation.AdjustKeepAliveTimers(-1);
        }
    }

    internal static void ValidatePeriod(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timer delay must be positive, zero, or Timeout.InfiniteTimeSpan.");
        }
    }

    /// <summary>Runs the grain's callback for one tick.</summary>
    internal abstract Task InvokeCallback(CancellationToken cancellationToken);

    internal void OnTickFinished(Task task)
    {
        if (task.IsFaulted)
        {
            Log.TimerTickFailed(_activation.Runtime.Logger, task.Exception!.InnerException!, _activation.GrainId.ToString());
        }

        TimeSpan next;
        lock (_lock)
        {
            _ticking = false;
            if (_disposed || _changedDuringTick)
            {
                _changedDuringTick = false;
                return;
            }

            next = _period;
        }

        Arm(next);
    }

    private void Arm(TimeSpan dueTime)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            if (_disposed || _ticking)
            {
                return;
            }

            _ticking = true;
        }

        var turn = new TimerTurn(this);
        if (_activation.State == ActivationState.Active)
        {
            _activation.Submit(turn, allowInline: false);
        }
        else
        {
            OnTickFinished(Task.CompletedTask);
        }
    }

    internal Task RunTick() => InvokeCallback(Token);

    /// <summary>One tick, run as a turn of the activation.</summary>
    private sealed class TimerTurn(GrainTimer timer) : Turn
    {
        internal override bool AlwaysInterleave => timer.Interleave;

        internal override bool CountsAsActivity => timer.KeepAlive;

        internal override string Describe() => "timer tick";

        internal override Task Start(Activation activation) => timer.RunTick();

        internal override void OnFinished(Task task) => timer.OnTickFinished(task);

        internal override void Reject(Exception exception) => timer.OnTickFinished(Task.CompletedTask);
    }
}

/// <summary>A timer whose callback takes a state argument.</summary>
internal sealed class GrainTimer<TState>(
    Activation activation, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    : GrainTimer(activation, options)
{
    internal override Task InvokeCallback(CancellationToken cancellationToken) => callback(state, cancellationToken);
}
