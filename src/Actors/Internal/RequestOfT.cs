namespace VetActors.Actors.Internal;

/// <summary>A call to a grain method returning <see cref="Task{TResult}"/>; the result is copied for the caller.</summary>
internal abstract class Request<TResult> : GrainRequest
{
    private TaskCompletionSource<TResult>? _completion;

    /// <summary>Calls the grain method with the stored arguments (emitted per method).</summary>
    public abstract Task<TResult> Invoke(object grain);

    // A grain method that throws before returning its task (a guard clause in a non-async method) must fail the
    // caller's Task<TResult> with that exception; a non-generic faulted task would not cast to it in Send.
    internal sealed override Task InvokeGrain(object grain)
    {
        try
        {
            return Invoke(grain);
        }
        catch (Exception e)
        {
            return Task.FromException<TResult>(e);
        }
    }

    internal Task<TResult> Send(GrainReference reference)
    {
        var finished = reference.Runtime.Dispatch(reference, this);
        if (finished is null)
        {
            return _completion!.Task;
        }

        var task = (Task<TResult>)finished;
        if (!task.IsCompletedSuccessfully || DeepCopier<TResult>.IsDeclaredImmutable)
        {
            return task;
        }

        try
        {
            return Task.FromResult(DeepCopier<TResult>.Copy(task.Result));
        }
        catch (NotSupportedException e)
        {
            return Task.FromException<TResult>(e);
        }
    }

    internal override void PrepareForAsync()
    {
        if (_completion is null)
        {
            // Continuations never run on the callee's turn thread: a caller's code must not hold up the callee.
            _completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            Activation?.Runtime.PendingCalls.Add(this);
        }
    }

    internal override void OnFinished(Task task)
    {
        Untrack(failed: !task.IsCompletedSuccessfully);
        if (task.IsCompletedSuccessfully)
        {
            try
            {
                _completion!.TrySetResult(DeepCopier<TResult>.Copy(((Task<TResult>)task).Result));
            }
            catch (NotSupportedException e)
            {
                _completion!.TrySetException(e);
            }
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
