using Grpc.Core;

namespace VetActors.Rpc.Internal.Client;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private bool Begin()
    {
        _channel.ThrowIfDisposed();
        _channel.RegisterActiveCall(this);
        ClientLog.StartingCall(_channel.Logger, _method.Type, _method.FullName);

        // Both registrations may run their callback at once when the token is already cancelled;
        // the call then ends before anything is sent.
        if (_cancellationToken.CanBeCanceled)
        {
            _cancellationRegistration = _cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelFromCaller(), this);
        }
        if (_options.PropagationToken is { Options.IsPropagateCancellation: true } parent && parent.ParentCancellationToken.CanBeCanceled)
        {
            _parentRegistration = parent.ParentCancellationToken.UnsafeRegister(
                static s => ((GrpcCall<TRequest, TResponse>)s!).Finish(new Status(StatusCode.Cancelled, "Call canceled by the parent call."), null, byCaller: true), this);
        }
        if (IsFinished)
        {
            // Finish ran before the registrations were stored (a token cancelled meanwhile): drop them here,
            // or a long-lived token would keep this call alive.
            _cancellationRegistration.Dispose();
            _parentRegistration.Dispose();
            return false;
        }
        if (_deadline != DateTime.MaxValue)
        {
            var remaining = _deadline - _channel.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                OnDeadlineReached();
            }
            else
            {
                var timer = _channel.TimeProvider.CreateTimer(static s => ((GrpcCall<TRequest, TResponse>)s!).OnDeadlineTimer(), this, Min(remaining, MaxTimerDue), Timeout.InfiniteTimeSpan);
                lock (_lock)
                {
                    if (_status is null)
                    {
                        _deadlineTimer = timer;
                        timer = null;
                    }
                }
                timer?.Dispose();
            }
        }
        return !IsFinished;
    }

    private void OnDeadlineTimer()
    {
        var remaining = _deadline - _channel.TimeProvider.GetUtcNow().UtcDateTime;
        if (remaining > TimeSpan.Zero)
        {
            lock (_lock)
            {
                _deadlineTimer?.Change(Min(remaining, MaxTimerDue), Timeout.InfiniteTimeSpan);
            }
            return;
        }
        OnDeadlineReached();
    }

    private void OnDeadlineReached()
    {
        lock (_lock)
        {
            if (_status is not null)
            {
                return;
            }
            _deadlineExceeded = true;
        }
        ClientLog.DeadlineExceeded(_channel.Logger, _method.FullName);
        Finish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
    }

    private static DateTime ResolveDeadline(CallOptions options)
    {
        var deadline = ToUtc(options.Deadline ?? DateTime.MaxValue);
        if (options.PropagationToken is { Options.IsPropagateDeadline: true } parent)
        {
            var parentDeadline = ToUtc(parent.ParentDeadline);
            if (parentDeadline < deadline)
            {
                deadline = parentDeadline;
            }
        }
        return deadline;
    }

    private static DateTime ToUtc(DateTime value) => value == DateTime.MaxValue || value == DateTime.MinValue || value.Kind != DateTimeKind.Local
        ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
        : value.ToUniversalTime();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
