namespace VetActors.Actors.Internal;

internal sealed partial class Activation
{
    /// <summary>The grain under construction on this thread, read by the <see cref="Grain"/> constructor.</summary>
    [ThreadStatic]
    internal static Activation? t_constructing;

    /// <summary>Completes when the activation is gone.</summary>
    internal Task Deactivated
    {
        get
        {
            lock (this)
            {
                if (_state == ActivationState.Deactivated)
                {
                    return Task.CompletedTask;
                }

                return (Extras.Deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    internal async Task ActivateAsync()
    {
        var started = Runtime.Time.GetTimestamp();
        using var cancellation = new CancellationTokenSource(Runtime.Options.ActivationTimeout, Runtime.Time);
        try
        {
            Grain = ClassInfo.CreateGrain(Runtime.Services, this);
            if (_extras?.States is { } states)
            {
                foreach (var state in states)
                {
                    await state.ReadStateAsync(cancellation.Token);
                }
            }

            await Grain.OnActivateAsync(cancellation.Token);
            Runtime.Metrics.ActivationCreated(ClassInfo.GrainType);
            Log.Activated(Runtime.Logger, GrainId.ToString(), Runtime.Time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            Runtime.Metrics.ActivationFailed(ClassInfo.GrainType);
            Log.ActivationFailed(Runtime.Logger, e, GrainId.ToString());
            throw;
        }
    }

    internal async Task DeactivateAsync(DeactivationReason reason)
    {
        StopTimers();
        if (Grain is null || !_activated)
        {
            return;
        }

        using var cancellation = new CancellationTokenSource(Runtime.Options.DeactivationTimeout, Runtime.Time);
        try
        {
            await Grain.OnDeactivateAsync(reason, cancellation.Token);
        }
        catch (Exception e)
        {
            // Deactivation goes on: the activation is gone either way, and OnDeactivateAsync is best effort (a crash skips it too).
            Log.DeactivationHookFailed(Runtime.Logger, e, GrainId.ToString());
        }
    }

    /// <summary>Drops the activation without running any grain code (the silo was killed).</summary>
    internal void Abandon()
    {
        List<Turn>? waiting;
        lock (this)
        {
            _state = ActivationState.Deactivated;
            waiting = DrainWaitingLocked();
            _ready = null;
        }

        StopTimers();
        if (waiting is not null)
        {
            var error = new SiloUnavailableException($"The silo was killed; the call to {GrainId} was not run.");
            foreach (var turn in waiting)
            {
                turn.Reject(error);
            }
        }

        _extras?.Deactivated?.TrySetResult();
    }

    internal void AddTimer(GrainTimer timer)
    {
        lock (this)
        {
            (Extras.Timers ??= []).Add(timer);
        }
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (this)
        {
            _extras?.Timers?.Remove(timer);
        }
    }

    internal void AdjustKeepAliveTimers(int delta)
    {
        lock (this)
        {
            Extras.KeepAliveTimers += delta;
        }
    }

    internal void AddState(IStateLoader state) => (Extras.States ??= []).Add(state);

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (this)
        {
            if (_extras?.Timers is not { Count: > 0 } list)
            {
                return;
            }

            timers = [.. list];
            list.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private void OnDeactivated(Task task)
    {
        Runtime.Catalog.Remove(this);
        if (_activated)
        {
            Runtime.Metrics.ActivationRemoved(ClassInfo.GrainType);
            Log.Deactivated(Runtime.Logger, GrainId.ToString(), _extras?.PendingDeactivation?.ReasonCode ?? DeactivationReasonCode.None);
        }

        _extras?.Deactivated?.TrySetResult();
        _ = task;
    }
}
