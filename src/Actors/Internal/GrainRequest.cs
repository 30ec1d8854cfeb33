namespace VetActors.Actors.Internal;

/// <summary>A grain call: the generated invoker subclasses hold the (copied) arguments and call the grain.</summary>
internal abstract class GrainRequest : Turn
{
    internal MethodDescriptor Method = null!;

    /// <summary>
    /// The call's entry in <see cref="PendingCalls"/>, once it went asynchronous. Kept out of the request so
    /// the common case, a call that completes inline, allocates only the request.
    /// </summary>
    internal PendingCallEntry? PendingEntry;

    /// <summary>When the call was sent, for the latency histogram; 0 when metrics are off.</summary>
    internal long StartTimestamp
    {
        get => PendingEntry?.StartTimestamp ?? 0;
        set => (PendingEntry ??= new PendingCallEntry(this)).StartTimestamp = value;
    }

    private volatile bool _expired;

    internal override bool AlwaysInterleave => Method.AlwaysInterleave;

    internal override bool IsReadOnly => Method.IsReadOnly;

    internal override bool IsExpired => _expired;

    internal override string Describe() => Method.Name;

    internal override Task Start(Activation activation) => InvokeGrain(activation.Grain!);

    internal abstract Task InvokeGrain(object grain);

    /// <summary>Fails the caller with a timeout; the request is dropped if it has not started yet.</summary>
    internal void Expire(TimeSpan timeout)
    {
        _expired = true;
        ClearOutstanding();
        Fail(new TimeoutException(
            $"{Method.Name} on {Activation?.GrainId.ToString() ?? "an unresolved grain"} did not complete within the call timeout of {timeout}."));
    }

    internal override void Reject(Exception exception)
    {
        PrepareForAsync();
        Activation?.Runtime.PendingCalls.Remove(this);
        ClearOutstanding();
        Fail(exception);
    }

    /// <summary>Fails a call found in a wait-for cycle; it is dropped from the queue it waits in.</summary>
    internal void FailDeadlocked(DeadlockException exception)
    {
        _expired = true;
        Activation.Runtime.PendingCalls.Remove(this);
        ClearOutstanding();
        Fail(exception);
    }

    /// <summary>The caller no longer waits on this call.</summary>
    internal void ClearOutstanding()
    {
        if (Parent is { } parent && ReferenceEquals(parent.Outstanding, this))
        {
            parent.Outstanding = null;
        }
    }

    protected abstract void Fail(Exception exception);

    protected void Untrack(bool failed)
    {
        var runtime = Activation.Runtime;
        runtime.PendingCalls.Remove(this);
        ClearOutstanding();
        if (StartTimestamp != 0)
        {
            runtime.Metrics.CallCompleted(Method.Name, StartTimestamp, failed);
        }
    }
}
