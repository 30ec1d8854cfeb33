namespace VetActors.Actors.Internal;

internal sealed partial class Activation
{
    // After this many work items the executor yields its thread pool thread, so one busy activation cannot
    // starve the others.
    private const int ExecutorBatch = 32;

    /// <summary>Queues an await continuation of <paramref name="turn"/>; called through <see cref="Turn.Post"/>.</summary>
    internal void EnqueueContinuation(Turn turn, SendOrPostCallback callback, object? state)
    {
        bool schedule;
        lock (this)
        {
            EnqueueReadyLocked(new WorkItem(turn, callback, state));
            schedule = TryClaimExecutorLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Runs queued work, one item at a time.</summary>
    public void Execute()
    {
        for (var processed = 0; ; processed++)
        {
            WorkItem item;
            lock (this)
            {
                if (_ready is null || _ready.Count == 0)
                {
                    // An idle activation keeps no queue: most activations are idle most of the time.
                    _ready = null;
                    _executing = false;
                    return;
                }

                if (processed == ExecutorBatch)
                {
                    // Give the thread back and continue later, keeping the queue's order.
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
                }

                item = _ready.Dequeue();
            }

            if (item.Callback is { } callback)
            {
                RunContinuation(item.Turn, callback, item.State);
            }
            else if (item.Turn.IsExpired)
            {
                TurnFinished(item.Turn, Task.CompletedTask, inline: false, dropped: true);
            }
            else
            {
                StartTurn(item.Turn, inline: false);
            }
        }
    }

    private void ReleaseExecutor()
    {
        bool schedule;
        lock (this)
        {
            schedule = _ready is { Count: > 0 };
            _executing = schedule;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void RunContinuation(Turn turn, SendOrPostCallback callback, object? state)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(turn);
        try
        {
            callback(state);
        }
        catch (Exception e)
        {
            // Only an async void method in grain code gets here; the await continuations of tasks never throw.
            Log.ContinuationFailed(Runtime.Logger, e, GrainId.ToString(), turn.Describe());
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private Task StartTurn(Turn turn, bool inline)
    {
        var previousContext = SynchronizationContext.Current;
        var executionContext = ExecutionContext.Capture();
        Task task;
        SynchronizationContext.SetSynchronizationContext(turn);
        try
        {
            var requestContext = turn.Context;
            if (!ReferenceEquals(RequestContext.Current, requestContext))
            {
                RequestContext.Current = requestContext;
            }

            task = turn.Start(this);
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);

            // Grain code that changed AsyncLocals synchronously (RequestContext.Set in a non-async method) must
            // not leak them into the caller or into the next turn run by this thread.
            if (executionContext is not null && !ReferenceEquals(ExecutionContext.Capture(), executionContext))
            {
                ExecutionContext.Restore(executionContext);
            }
        }

        if (task.IsCompleted)
        {
            TurnFinished(turn, task, inline, dropped: false);
        }
        else
        {
            FinishWhenCompleted(turn, task);
        }

        return task;
    }

    // Separate from StartTurn so the closure is allocated only when a turn really goes asynchronous.
    private void FinishWhenCompleted(Turn turn, Task task)
    {
        turn.PrepareForAsync();
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => TurnFinished(turn, task, inline: false, dropped: false));
    }

    /// <summary>Books the end of a turn, admits what may run next, and completes the caller.</summary>
    private void TurnFinished(Turn turn, Task task, bool inline, bool dropped)
    {
        List<Turn>? rejected = null;
        Exception? rejection = null;
        List<Turn>? forwarded = null;
        var deactivated = false;
        bool schedule;
        lock (this)
        {
            turn.IsRunning = false;
            turn.IsFinished = true;
            _running--;
            _soleRunning = null;
            if (turn.IsReadOnly)
            {
                _runningReadOnly--;
            }

            if (turn.CountsAsActivity)
            {
                _lastActive = Runtime.Time.GetTimestamp();
            }

            switch (turn)
            {
                case ActivateTurn when task.IsCompletedSuccessfully:
                    _state = ActivationState.Active;
                    _activated = true;
                    break;
                case ActivateTurn:
                    _state = ActivationState.Deactivated;
                    rejection = task.Exception?.InnerException ?? new TaskCanceledException("The activation was cancelled.");
                    rejected = DrainWaitingLocked();
                    deactivated = true;
                    break;
                case DeactivateTurn:
                    _state = ActivationState.Deactivated;
                    forwarded = DrainWaitingLocked();
                    deactivated = true;
                    break;
                case GrainRequest when task.IsFaulted && task.Exception!.InnerException is InconsistentStateException conflict:
                    // As in Orleans: the activation's view of its state is stale, so drop it and reload on the next call.
                    Extras.PendingDeactivation ??= new DeactivationReason(
                        DeactivationReasonCode.ApplicationError, "An InconsistentStateException escaped a grain call.", conflict);
                    break;
            }

            if (_state == ActivationState.Active)
            {
                if (_extras?.PendingDeactivation is not null && _running == 0)
                {
                    StartDeactivationLocked();
                }
                else
                {
                    AdmitWaitingLocked();
                }
            }

            schedule = !inline && TryClaimExecutorLocked();
        }

        if (!inline && !dropped)
        {
            turn.OnFinished(task);
        }
        else if (dropped && turn is GrainRequest request)
        {
            Runtime.PendingCalls.Remove(request);
        }

        if (deactivated)
        {
            OnDeactivated(task);
        }

        if (rejected is not null)
        {
            foreach (var r in rejected)
            {
                r.Reject(rejection ?? new SiloUnavailableException($"{GrainId} could not accept the call."));
            }
        }

        if (forwarded is not null)
        {
            foreach (var f in forwarded)
            {
                Runtime.Forward(f);
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private List<Turn>? DrainWaitingLocked()
    {
        if (_waiting is not { Count: > 0 })
        {
            return null;
        }

        var drained = new List<Turn>(_waiting);
        _waiting.Clear();
        return drained;
    }
}
