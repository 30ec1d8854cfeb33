namespace VetActors.Actors.Internal;

/// <summary>A call to a grain method returning <see cref="Task"/>.</summary>
internal abstract class Request : GrainRequest
{
    private TaskCompletionSource? _completion;

    /// <summary>Calls the grain method with the stored arguments (emitted per method).</summary>
    public abstract Task Invoke(object grain);

    internal sealed override Task InvokeGrain(object grain) => Invoke(grain);

    internal Task Send(GrainReference reference)
    {
        var finished = reference.Runtime.Dispatch(reference, this);
        return finished ?? _completion!.Task;
    }

    internal override void PrepareForAsync()
    {
        if (_completion is null)
        {
            // Continuations never run on the callee's turn thread: a caller's code must not hold up the callee.
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Activation?.Runtime.PendingCalls.Add(this);
        }
    }

    internal override void OnFinished(Task task)
    {
        Untrack(failed: !task.IsCompletedSuccessfully);
        if (task.IsCompletedSuccessfully)
        {
            _completion!.TrySetResult();
        }
        else if (task.IsCanceled)
        {
            _completion!.TrySetCanceled();
        }
        else
        {
            _completion!.TrySetException(task.Exception!.InnerExceptions);
        }
    }

    protected override void Fail(Exception exception) => _completion?.TrySetException(exception);
}
