namespace VetActors.Actors.Internal;

internal sealed partial class Activation
{
    /// <summary>The running turn when exactly one runs (the non-reentrant case); read without the lock.</summary>
    internal Turn? SoleRunningTurn => _state == ActivationState.Active ? Volatile.Read(ref _soleRunning) : null;

    private void AdmitLocked(Turn turn)
    {
        turn.IsRunning = true;
        _running++;
        _soleRunning = _running == 1 ? turn : null;
        if (turn.IsReadOnly)
        {
            _runningReadOnly++;
        }
    }

    private bool CanAdmitLocked(Turn turn, out Exception? rejection)
    {
        rejection = null;
        if (_running == 0 || ClassInfo.IsReentrant || turn.AlwaysInterleave)
        {
            return true;
        }

        if (turn.IsReadOnly && _running == _runningReadOnly)
        {
            return true;
        }

        // Walk up the call chain: if a turn of this activation is running further up, waiting would wait on
        // ourselves. Re-enter when the chain allows it; otherwise fail fast instead of timing out.
        Turn child = turn;
        var depth = 0;
        for (var parent = turn.Parent; parent is not null && depth < 256; child = parent, parent = parent.Parent, depth++)
        {
            if (ReferenceEquals(parent.Activation, this) && parent.IsRunning)
            {
                if (child.AllowsChainReentrancy)
                {
                    return true;
                }

                rejection = CreateDeadlock(turn, parent);
                return false;
            }
        }

        return false;
    }

    private DeadlockException CreateDeadlock(Turn turn, Turn busy)
    {
        var links = new List<string>();
        for (Turn? t = turn; t is not null && !ReferenceEquals(t, busy); t = t.Parent)
        {
            links.Add($"{t.Activation.GrainId} {t.Describe()}");
        }

        links.Add($"{busy.Activation.GrainId} {busy.Describe()}");
        links.Reverse();
        var cycle = string.Join(" -> ", links);
        return new DeadlockException(
            $"Deadlock: the call chain {cycle} came back to {GrainId}, a non-reentrant activation busy with {busy.Describe()} further up the same chain. "
            + "Mark the grain [Reentrant] or the method [AlwaysInterleave], or allow it with RequestContext.AllowCallChainReentrancy().",
            links);
    }

    /// <summary>Moves waiting turns that may now run to the ready queue; fails those that would deadlock.</summary>
    private void AdmitWaitingLocked()
    {
        while (_waiting is { Count: > 0 })
        {
            var head = _waiting.Peek();
            if (head.IsExpired)
            {
                _waiting.Dequeue();
                head.IsFinished = true;
                if (head is GrainRequest request)
                {
                    Runtime.PendingCalls.Remove(request);
                }

                continue;
            }

            if (CanAdmitLocked(head, out var deadlock))
            {
                _waiting.Dequeue();
                AdmitLocked(head);
                EnqueueReadyLocked(new WorkItem(head));
            }
            else if (deadlock is not null)
            {
                _waiting.Dequeue();
                head.Reject(deadlock);
            }
            else
            {
                break;
            }
        }

        if (_waiting is { Count: 0 })
        {
            _waiting = null;
        }
    }
}
