namespace VetActors.Actors.Internal;

/// <summary>
/// The calls that went asynchronous, in deadline order (one timeout for all, so insertion order is deadline
/// order): a periodic scan on the runtime's <see cref="TimeProvider"/> fails the overdue ones. An intrusive
/// list keeps both insertion and removal O(1) and allocation-free; calls that finish synchronously never
/// enter it.
/// </summary>
internal sealed class PendingCalls(TimeProvider time, TimeSpan timeout)
{
    private readonly Lock _lock = new();
    private readonly long _timeoutTicks = (long)(timeout.TotalSeconds * time.TimestampFrequency);
    private GrainRequest? _head;
    private GrainRequest? _tail;

    internal TimeSpan Timeout => timeout;

    internal int Count { get; private set; }

    internal void Add(GrainRequest request)
    {
        var deadline = time.GetTimestamp() + _timeoutTicks;
        lock (_lock)
        {
            if (request.IsTracked)
            {
                return;
            }

            request.IsTracked = true;
            request.TimeoutDeadline = deadline;
            request.TimeoutPrevious = _tail;
            request.TimeoutNext = null;
            if (_tail is null)
            {
                _head = request;
            }
            else
            {
                _tail.TimeoutNext = request;
            }

            _tail = request;
            Count++;
        }
    }

    internal void Remove(GrainRequest request)
    {
        if (!request.IsTracked)
        {
            return;
        }

        lock (_lock)
        {
            if (request.IsTracked)
            {
                Unlink(request);
            }
        }
    }

    /// <summary>Fails every call whose deadline has passed.</summary>
    internal void ExpireOverdue()
    {
        var now = time.GetTimestamp();
        List<GrainRequest>? expired = null;
        lock (_lock)
        {
            while (_head is { } head && head.TimeoutDeadline <= now)
            {
                Unlink(head);
                (expired ??= []).Add(head);
            }
        }

        if (expired is not null)
        {
            foreach (var request in expired)
            {
                request.Expire(timeout);
            }
        }
    }

    private void Unlink(GrainRequest request)
    {
        if (request.TimeoutPrevious is { } previous)
        {
            previous.TimeoutNext = request.TimeoutNext;
        }
        else
        {
            _head = request.TimeoutNext;
        }

        if (request.TimeoutNext is { } next)
        {
            next.TimeoutPrevious = request.TimeoutPrevious;
        }
        else
        {
            _tail = request.TimeoutPrevious;
        }

        request.TimeoutPrevious = null;
        request.TimeoutNext = null;
        request.IsTracked = false;
        Count--;
    }
}
