namespace VetActors.Actors.Internal;

/// <summary>
/// The calls that went asynchronous, in deadline order (one timeout for all, so insertion order is deadline
/// order): a periodic scan on the runtime's <see cref="TimeProvider"/> fails the overdue ones. A doubly linked
/// list keeps insertion and removal O(1); calls that finish synchronously never enter it.
/// </summary>
internal sealed class PendingCalls(TimeProvider time, TimeSpan timeout, TimeSpan deadlockCheckDelay)
{
    // Bounds the work of one scan when very many calls wait at once.
    private const int MaxDeadlockChecksPerScan = 1000;

    private readonly long _deadlockCheckTicks = (long)(deadlockCheckDelay.TotalSeconds * time.TimestampFrequency);
    private readonly Lock _lock = new();
    private readonly long _timeoutTicks = (long)(timeout.TotalSeconds * time.TimestampFrequency);
    private PendingCallEntry? _head;
    private PendingCallEntry? _tail;

    internal TimeSpan Timeout => timeout;

    internal int Count { get; private set; }

    internal void Add(GrainRequest request)
    {
        var deadline = time.GetTimestamp() + _timeoutTicks;
        var entry = request.PendingEntry ??= new PendingCallEntry(request);
        lock (_lock)
        {
            if (entry.IsTracked)
            {
                return;
            }

            entry.IsTracked = true;
            entry.Deadline = deadline;
            entry.Previous = _tail;
            entry.Next = null;
            if (_tail is null)
            {
                _head = entry;
            }
            else
            {
                _tail.Next = entry;
            }

            _tail = entry;
            Count++;
        }
    }

    internal void Remove(GrainRequest request)
    {
        if (request.PendingEntry is not { IsTracked: true } entry)
        {
            return;
        }

        lock (_lock)
        {
            if (entry.IsTracked)
            {
                Unlink(entry);
            }
        }
    }

    /// <summary>
    /// Fails every call whose deadline has passed, and every call that has waited a whole scan period in a
    /// wait-for cycle (two chains that each hold a grain the other needs: no call chain shows that cycle, so
    /// it cannot be refused at once; a cycle that stays put is a deadlock, so it is reported instead of
    /// waiting out the timeout).
    /// </summary>
    internal void ExpireOverdue()
    {
        var now = time.GetTimestamp();
        List<GrainRequest>? expired = null;
        List<GrainRequest>? suspects = null;
        lock (_lock)
        {
            while (_head is { } head && head.Deadline <= now)
            {
                Unlink(head);
                (expired ??= []).Add(head.Request);
            }

            var sentBefore = now - _deadlockCheckTicks + _timeoutTicks;
            var checks = 0;
            for (var entry = _head; entry is not null && entry.Deadline <= sentBefore && checks < MaxDeadlockChecksPerScan; entry = entry.Next)
            {
                if (entry.Request.IsWaitingForAdmission)
                {
                    (suspects ??= []).Add(entry.Request);
                    checks++;
                }
            }
        }

        if (expired is not null)
        {
            foreach (var request in expired)
            {
                request.Expire(timeout);
            }
        }

        if (suspects is not null)
        {
            foreach (var request in suspects)
            {
                if (request.IsWaitingForAdmission && WaitForGraph.FindCycle(request) is { } cycle)
                {
                    request.FailDeadlocked(cycle);
                }
            }
        }
    }

    private void Unlink(PendingCallEntry entry)
    {
        if (entry.Previous is { } previous)
        {
            previous.Next = entry.Next;
        }
        else
        {
            _head = entry.Next;
        }

        if (entry.Next is { } next)
        {
            next.Previous = entry.Previous;
        }
        else
        {
            _tail = entry.Previous;
        }

        entry.Previous = null;
        entry.Next = null;
        entry.IsTracked = false;
        Count--;
    }
}
