namespace Grpc.Core;

/// <summary>
/// The callbacks behind an async call object: either plain delegates, or static delegates plus one
/// state object (the form a transport uses to avoid a closure per call).
/// </summary>
internal readonly struct AsyncCallState
{
    private readonly object? _responseHeadersAsync; // Task<Metadata> or Func<object, Task<Metadata>>
    private readonly Delegate _getStatus;
    private readonly Delegate _getTrailers;
    private readonly Delegate _dispose;
    private readonly object? _state;

    public AsyncCallState(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        _responseHeadersAsync = responseHeadersAsync ?? throw new ArgumentNullException(nameof(responseHeadersAsync));
        _getStatus = getStatus ?? throw new ArgumentNullException(nameof(getStatus));
        _getTrailers = getTrailers ?? throw new ArgumentNullException(nameof(getTrailers));
        _dispose = dispose ?? throw new ArgumentNullException(nameof(dispose));
        _state = null;
    }

    public AsyncCallState(
        Func<object, Task<Metadata>> responseHeadersAsync,
        Func<object, Status> getStatus,
        Func<object, Metadata> getTrailers,
        Action<object> dispose,
        object state)
    {
        _responseHeadersAsync = responseHeadersAsync ?? throw new ArgumentNullException(nameof(responseHeadersAsync));
        _getStatus = getStatus ?? throw new ArgumentNullException(nameof(getStatus));
        _getTrailers = getTrailers ?? throw new ArgumentNullException(nameof(getTrailers));
        _dispose = dispose ?? throw new ArgumentNullException(nameof(dispose));
        _state = state ?? throw new ArgumentNullException(nameof(state));
    }

    public Task<Metadata> ResponseHeadersAsync() => _responseHeadersAsync switch
    {
        Task<Metadata> task => task,
        Func<object, Task<Metadata>> func => func(_state!),
        _ => throw new InvalidOperationException("The call has no response headers source."),
    };

    public Status GetStatus() => _getStatus is Func<Status> f ? f() : ((Func<object, Status>)_getStatus)(_state!);

    public Metadata GetTrailers() => _getTrailers is Func<Metadata> f ? f() : ((Func<object, Metadata>)_getTrailers)(_state!);

    public void Dispose()
    {
        if (_dispose is Action action)
        {
            action();
        }
        else
        {
            ((Action<object>)_dispose)(_state!);
        }
    }
}
