namespace VetActors.Actors.Internal;

/// <summary>
/// One activation of one grain on this silo: its grain instance, and the queue that runs its turns one at a
/// time (several only when the grain or the method allows interleaving). Every field here is paid for by
/// each idle activation, so rarely used data lives in <see cref="ActivationExtras"/>.
/// </summary>
internal sealed partial class Activation : IThreadPoolWorkItem
{
    // Inline execution runs an idle callee on the caller's thread; the bound keeps deep synchronous chains
    // from growing the stack without limit.
    private const int MaxInlineDepth = 8;

    [ThreadStatic]
    private static int t_inlineDepth;

    internal readonly GrainId GrainId;
    internal readonly GrainClassInfo ClassInfo;
    internal readonly ActorRuntime Runtime;
    internal Grain? Grain;

    private volatile ActivationState _state;
    private int _running;
    private int _runningReadOnly;
    private bool _executing;
    private bool _activated;
    private Turn? _soleRunning;
    private Queue<WorkItem>? _ready;
    private Queue<Turn>? _waiting;
    private long _lastActive;
    private ActivationExtras? _extras;

    internal Activation(ActorRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
    {
        Runtime = runtime;
        GrainId = grainId;
        ClassInfo = classInfo;
        _lastActive = runtime.Time.GetTimestamp();
    }

    internal bool IsDeactivated => _state == ActivationState.Deactivated;

    internal ActivationState State => _state;

    internal ActivationExtras Extras => _extras ??= new ActivationExtras();

    internal ActivationExtras? ExtrasIfAny => _extras;

    /// <summary>
    /// Submits a turn. Returns the grain's completed task when the turn ran inline and finished synchronously
    /// (the caller then reads the result from it); otherwise <c>null</c>, and the turn completes its caller
    /// through <see cref="Turn.OnFinished"/> or <see cref="Turn.Reject"/>.
    /// </summary>
    internal Task? Submit(Turn turn, bool allowInline)
    {
        turn.Activation = this;
        Exception? rejection = null;
        var runInline = false;
        var schedule = false;
        var forward = false;
        lock (this)
        {
            switch (_state)
            {
                case ActivationState.Created:
                    _state = ActivationState.Activating;
                    var activate = new ActivateTurn { Activation = this };
                    AdmitLocked(activate);
                    EnqueueReadyLocked(new WorkItem(activate));
                    EnqueueWaitingLocked(turn);
                    break;
                case ActivationState.Active:
                    if (CanAdmitLocked(turn, out rejection))
                    {
                        AdmitLocked(turn);
                        if (allowInline && !_executing && (_ready is null || _ready.Count == 0) && t_inlineDepth < MaxInlineDepth)
                        {
                            _executing = true;
                            runInline = true;
                        }
                        else
                        {
                            EnqueueReadyLocked(new WorkItem(turn));
                        }
                    }
                    else if (rejection is null)
                    {
                        EnqueueWaitingLocked(turn);
                    }

                    break;
                case ActivationState.Activating:
                case ActivationState.Deactivating:
                    EnqueueWaitingLocked(turn);
                    break;
                default:
                    forward = true;
                    break;
            }

            if (!runInline && !_executing && _ready is { Count: > 0 })
            {
                _executing = true;
                schedule = true;
            }

            if (!runInline && !forward && rejection is null)
            {
                turn.PrepareForAsync();
            }
        }

        if (rejection is not null)
        {
            turn.Reject(rejection);
            return null;
        }

        if (forward)
        {
            return Runtime.Forward(turn);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        if (!runInline)
        {
            return null;
        }

        Task task;
        t_inlineDepth++;
        try
        {
            task = StartTurn(turn, inline: true);
        }
        finally
        {
            t_inlineDepth--;
        }

        ReleaseExecutor();
        return task.IsCompleted ? task : null;
    }

    /// <summary>Asks for deactivation once the activation is idle (immediately if it is).</summary>
    internal void RequestDeactivation(DeactivationReason reason)
    {
        var schedule = false;
        lock (this)
        {
            switch (_state)
            {
                case ActivationState.Created:
                    _state = ActivationState.Deactivated;
                    break;
                case ActivationState.Activating:
                case ActivationState.Active:
                    Extras.PendingDeactivation ??= reason;
                    if (_state == ActivationState.Active && _running == 0)
                    {
                        StartDeactivationLocked();
                        schedule = TryClaimExecutorLocked();
                    }

                    break;
                default:
                    return;
            }
        }

        if (_state == ActivationState.Deactivated)
        {
            Runtime.Catalog.Remove(this);
            _extras?.Deactivated?.TrySetResult();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Whether the activation has been idle for at least <paramref name="age"/> and may be collected.</summary>
    internal bool IsIdleFor(TimeSpan age, long now)
    {
        lock (this)
        {
            if (_state != ActivationState.Active || _running > 0 || _waiting is { Count: > 0 })
            {
                return false;
            }

            if (_extras is { } extras && (extras.KeepAliveUntil > now || extras.KeepAliveTimers > 0))
            {
                return false;
            }

            return Runtime.Time.GetElapsedTime(_lastActive, now) >= age;
        }
    }

    internal void DelayDeactivation(TimeSpan delay)
    {
        lock (this)
        {
            Extras.KeepAliveUntil = delay == Timeout.InfiniteTimeSpan
                ? long.MaxValue
                : delay <= TimeSpan.Zero
                    ? 0
                    : Runtime.Time.GetTimestamp() + (long)(delay.TotalSeconds * Runtime.Time.TimestampFrequency);
        }
    }

    private void EnqueueReadyLocked(WorkItem item) => (_ready ??= new Queue<WorkItem>(2)).Enqueue(item);

    private void EnqueueWaitingLocked(Turn turn) => (_waiting ??= new Queue<Turn>(2)).Enqueue(turn);

    private bool TryClaimExecutorLocked()
    {
        if (_executing || _ready is not { Count: > 0 })
        {
            return false;
        }

        _executing = true;
        return true;
    }

    private void StartDeactivationLocked()
    {
        _state = ActivationState.Deactivating;
        var reason = Extras.PendingDeactivation ?? new DeactivationReason(DeactivationReasonCode.RuntimeRequested, "Deactivation requested.");
        var turn = new DeactivateTurn(reason) { Activation = this };
        AdmitLocked(turn);
        EnqueueReadyLocked(new WorkItem(turn));
    }

    /// <summary>A queued piece of work: a turn to start, or an await continuation of a running turn.</summary>
    private readonly record struct WorkItem(Turn Turn, SendOrPostCallback? Callback = null, object? State = null);
}
