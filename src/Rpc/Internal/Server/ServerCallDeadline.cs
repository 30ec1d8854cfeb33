namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// One call's deadline: a timer on the injected <see cref="TimeProvider"/> and the token the handler sees.
/// When the timer fires before the call completes, the status DEADLINE_EXCEEDED is written (after any write
/// in progress), the response completed, the stream reset, and then the token cancelled. Writes and the
/// end of the call synchronise with it through <see cref="Lock"/>. A new instance per call, so a timer
/// callback that races the end of its call can never touch the next call of a pooled context.
/// </summary>
internal sealed class ServerCallDeadline : IDisposable
{
    // System timers take at most 0xFFFFFFFE ms; a longer deadline re-arms when the timer fires early.
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly GrpcServerCallContext _call;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _cts = new();
    private readonly CancellationTokenRegistration _abortRegistration;
    private readonly ITimer _timer;
    private TaskCompletionSource? _exceeded;
    private bool _callCompleted;

    public ServerCallDeadline(GrpcServerCallContext call, TimeProvider timeProvider, TimeSpan timeout, CancellationToken requestAborted)
    {
        _call = call;
        _timeProvider = timeProvider;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Deadline = timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;
        _abortRegistration = requestAborted.UnsafeRegister(static state => ((ServerCallDeadline)state!).CancelToken(), this);
        _timer = timeProvider.CreateTimer(static state => ((ServerCallDeadline)state!).OnTimer(), this, Clamp(timeout), Timeout.InfiniteTimeSpan);
    }

    public DateTime Deadline { get; }

    public CancellationToken Token => _cts.Token;

    public Lock Lock { get; } = new();

    /// <summary>True once the deadline has fired; read and written under <see cref="Lock"/>.</summary>
    public bool IsExceeded => _exceeded is not null;

    /// <summary>The write in progress, awaited by the deadline before it completes the response.</summary>
    public Task? PendingWrite { get; set; }

    /// <summary>Marks the call complete. Returns the deadline's work to wait for when it already fired (the status is then written).</summary>
    public Task? Complete()
    {
        lock (Lock)
        {
            _callCompleted = true;
            return _exceeded?.Task;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _abortRegistration.Dispose();
        _cts.Dispose();
    }

    private void OnTimer()
    {
        var remaining = Deadline - _timeProvider.GetUtcNow().UtcDateTime;
        if (remaining > TimeSpan.Zero)
        {
            _timer.Change(Clamp(remaining), Timeout.InfiniteTimeSpan);
            return;
        }
        Task? pendingWrite;
        TaskCompletionSource exceeded;
        lock (Lock)
        {
            if (_callCompleted || _exceeded is not null)
            {
                return;
            }
            exceeded = _exceeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pendingWrite = PendingWrite;
        }
        _ = ExceedAsync(pendingWrite, exceeded);
    }

    private async Task ExceedAsync(Task? pendingWrite, TaskCompletionSource exceeded)
    {
        try
        {
            if (pendingWrite is not null)
            {
                try
                {
                    await pendingWrite;
                }
                catch (Exception)
                {
                    // The write's failure is the handler's to observe; the deadline still ends the call.
                }
            }
            await _call.WriteDeadlineExceededAsync();
        }
        catch (Exception)
        {
            // The client may be gone already; there is nobody left to tell.
        }
        finally
        {
            CancelToken();
            exceeded.SetResult();
        }
    }

    private void CancelToken()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended and disposed its state while the client went away.
        }
        catch (AggregateException)
        {
            // A handler's cancellation callback threw; the call is over either way.
        }
    }

    private static TimeSpan Clamp(TimeSpan dueTime) =>
        dueTime <= TimeSpan.Zero ? TimeSpan.Zero : dueTime > MaxTimerDueTime ? MaxTimerDueTime : dueTime;
}
