namespace VetActors.Actors.Internal;

/// <summary>
/// One unit of an activation's work: a grain call, a timer tick, activation or deactivation. While it runs
/// it is the thread's <see cref="SynchronizationContext"/>, so every await in grain code comes back to the
/// activation's queue (one thread at a time per activation) and outgoing calls know their caller, which is
/// how call chains, and so deadlocks, are seen without an AsyncLocal write per call.
/// </summary>
internal abstract class Turn : SynchronizationContext
{
    /// <summary>The activation this turn runs on; set when it is submitted.</summary>
    internal Activation Activation = null!;

    /// <summary>The turn that made this call, when it came from grain code.</summary>
    internal Turn? Parent;

    /// <summary>The request context the caller had; flows into the callee.</summary>
    internal RequestContextData? Context;

    /// <summary>Admitted and not finished. Guarded by the activation's lock.</summary>
    internal bool IsRunning;

    /// <summary>Sent under <see cref="RequestContext.AllowCallChainReentrancy"/>.</summary>
    internal bool AllowsChainReentrancy;

    /// <summary>Done: its task completed, or it was dropped. Set under the activation's lock.</summary>
    internal bool IsFinished;

    /// <summary>
    /// The last call this turn made that has not completed: the edge of the wait-for graph that
    /// <see cref="WaitForGraph"/> walks. Read without locks, so only trusted when it has stayed put.
    /// </summary>
    internal GrainRequest? Outstanding;

    /// <summary>Submitted, not admitted yet, not finished: it waits behind the activation's running turn.</summary>
    internal bool IsWaitingForAdmission => !IsRunning && !IsFinished && !IsExpired;

    internal virtual bool AlwaysInterleave => false;

    internal virtual bool IsReadOnly => false;

    /// <summary>Whether running this turn counts as activity for idle collection.</summary>
    internal virtual bool CountsAsActivity => true;

    /// <summary>The caller gave up (timeout); the turn is dropped if it has not started.</summary>
    internal virtual bool IsExpired => false;

    /// <summary>For logs and deadlock messages: <c>IPetGrain.RenameAsync</c>.</summary>
    internal abstract string Describe();

    /// <summary>Runs the grain code of the turn, on the activation, and returns its task.</summary>
    internal abstract Task Start(Activation activation);

    /// <summary>The turn went asynchronous (queued, or awaiting): prepare the caller's completion.</summary>
    internal virtual void PrepareForAsync()
    {
    }

    /// <summary>The turn's task completed after <see cref="PrepareForAsync"/>; complete the caller.</summary>
    internal abstract void OnFinished(Task task);

    /// <summary>The turn will never run (deadlock, failed activation, stopped silo).</summary>
    internal abstract void Reject(Exception exception);

    public override void Post(SendOrPostCallback d, object? state) => Activation.EnqueueContinuation(this, d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send is not supported inside a grain: await instead.");

    public override SynchronizationContext CreateCopy() => this;
}
