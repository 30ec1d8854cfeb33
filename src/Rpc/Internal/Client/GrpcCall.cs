using System.Net.Http.Headers;
using Grpc.Core;
using VetActors.Rpc.Client;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// One client call over HTTP/2: builds the request, owns the deadline timer and the cancellation of the
/// HTTP exchange, and records the final status exactly once (the first outcome wins: a response, a
/// deadline, a cancellation or a transport failure).
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    // System timers accept at most about 49 days; longer deadlines re-arm.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(30);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly string? _host;
    private readonly CancellationTokenSource _callCts = new();
    private readonly Lock _lock = new();
    private readonly DateTime _deadline;
    private readonly CancellationToken _cancellationToken;
    private ICompressionProvider? _requestCompression;
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _cancellationRegistration;
    private CancellationTokenRegistration _parentRegistration;
    private Status? _status;
    // Headers and trailers become Metadata only when asked for: most callers never look at them.
    private object? _trailers; // Metadata, or the HttpHeaders they come from
    private HttpHeaders? _responseHeaderSource;
    private Metadata? _responseHeaders;
    private HttpResponseMessage? _response;
    private ResponseMessageReader? _reader;
    private Task<HttpResponseMessage?>? _responseTask;
    private Task<Metadata>? _responseHeadersTask;
    private bool _cancelledByCaller;
    private bool _deadlineExceeded;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _host = host;
        _options = options;
        _deadline = ResolveDeadline(options);
        _cancellationToken = options.CancellationToken;
    }

    public Method<TRequest, TResponse> Method => _method;

    public CallOptions Options => _options;

    public bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return _status is not null;
            }
        }
    }

    /// <summary>Cancelled when the call ends for any reason other than success; aborts the HTTP exchange.</summary>
    internal CancellationToken CallToken => _callCts.Token;

    internal StreamingRequestContent? RequestContent { get; private set; }

    internal RequestMessageFramer Framer { get; } = new();

    internal ICompressionProvider? RequestCompression => _requestCompression;

    internal int? MaxSendMessageSize => _channel.MaxSendMessageSize;

    /// <summary>Starts a call with a single request, already framed before anything is sent.</summary>
    public void StartUnaryRequest(TRequest request)
    {
        if (!Begin())
        {
            _responseTask = Task.FromResult<HttpResponseMessage?>(null);
            return;
        }
        HttpContent content;
        try
        {
            var compression = ResolveRequestCompression();
            var useCompression = compression is not null && !IsNoCompress(_options.WriteOptions);
            Framer.Frame(_method.RequestMarshaller, request, useCompression ? compression : null, _channel.MaxSendMessageSize);
            content = new UnaryRequestContent(Framer.DetachFrame(useCompression));
        }
        catch (Exception ex)
        {
            FinishFromException(ex);
            _responseTask = Task.FromResult<HttpResponseMessage?>(null);
            return;
        }
        _responseTask = SendAsync(content);
    }

    /// <summary>Starts a call whose requests are written through a request stream.</summary>
    public void StartStreamingRequest()
    {
        RequestContent = new StreamingRequestContent();
        if (!Begin())
        {
            RequestContent.Abort();
            _responseTask = Task.FromResult<HttpResponseMessage?>(null);
            return;
        }
        try
        {
            ResolveRequestCompression();
        }
        catch (Exception ex)
        {
            FinishFromException(ex);
            _responseTask = Task.FromResult<HttpResponseMessage?>(null);
            return;
        }
        _responseTask = SendAsync(RequestContent);
    }

    /// <summary>Completes with the response ready for reading, or <c>null</c> when the call already finished.</summary>
    internal Task<HttpResponseMessage?> ResponseTask => _responseTask!;

    public Task<Metadata> GetResponseHeadersAsync() => _responseHeadersTask ??= ResponseHeadersCoreAsync();

    public Status GetStatus()
    {
        lock (_lock)
        {
            return _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");
        }
    }

    internal Status? GetStatusIfFinished()
    {
        lock (_lock)
        {
            return _status;
        }
    }

    public Metadata GetTrailers()
    {
        lock (_lock)
        {
            if (_status is null)
            {
                throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");
            }
            return TrailersLocked();
        }
    }

    /// <summary>Cancels the call if it is still running (status CANCELLED) and releases the response.</summary>
    public void Dispose()
    {
        Finish(new Status(StatusCode.Cancelled, "gRPC call disposed."), null, byCaller: true);
        // A response or reader that arrived after the call ended (Finish had none to release).
        _response?.Dispose();
        _reader?.Dispose();
    }

    /// <summary>The exception a caller sees for the call's final status.</summary>
    internal Exception CreateException()
    {
        Status status;
        Metadata trailers;
        bool local;
        lock (_lock)
        {
            status = _status ?? new Status(StatusCode.Internal, "The call ended without a status.");
            trailers = TrailersLocked();
            local = _cancelledByCaller || _deadlineExceeded;
        }
        if (local && _channel.ThrowOperationCanceledOnCancellation)
        {
            return new OperationCanceledException(status.Detail, _cancellationToken.IsCancellationRequested ? _cancellationToken : CallToken);
        }
        return new RpcException(status, trailers);
    }

    /// <summary>Ends the call from a failure: the status already recorded wins, otherwise the failure is mapped.</summary>
    internal void FinishFromException(Exception exception) => Finish(ResolveFailureStatus(exception), null);

    /// <summary>Cancels the call on behalf of a token passed to a read or a write.</summary>
    internal void CancelFromCaller() =>
        Finish(new Status(StatusCode.Cancelled, "Call canceled by the client."), null, byCaller: true);

    /// <summary>Records the final status (first caller wins) and releases what the call holds.</summary>
    internal bool Finish(Status status, object? trailers, bool byCaller = false)
    {
        ITimer? timer;
        lock (_lock)
        {
            if (_status is not null)
            {
                return false;
            }
            _status = status;
            _trailers = trailers;
            _cancelledByCaller = byCaller;
            timer = _deadlineTimer;
            _deadlineTimer = null;
        }
        timer?.Dispose();
        _cancellationRegistration.Dispose();
        _parentRegistration.Dispose();
        _channel.UnregisterActiveCall(this);

        // Anything but a clean end with the request fully sent aborts the HTTP exchange: cancelling
        // covers a request still being sent, disposing the response a body still being received
        // (both reset the stream with RST_STREAM(CANCEL)).
        if (status.StatusCode != StatusCode.OK || RequestContent is { IsCompleted: false })
        {
            _callCts.Cancel();
        }
        HttpResponseMessage? response;
        lock (_lock)
        {
            response = _response;
        }
        response?.Dispose();
        RequestContent?.Abort();

        // Pooled buffers go back now rather than when (if ever) the caller disposes the call object.
        _reader?.Dispose();
        Framer.Dispose();
        if (status.StatusCode == StatusCode.OK)
        {
            ClientLog.CallFinished(_channel.Logger, _method.FullName);
        }
        else
        {
            ClientLog.CallFailed(_channel.Logger, _method.FullName, status.StatusCode, status.Detail, status.DebugException);
        }
        return true;
    }

    private Metadata TrailersLocked() => _trailers switch
    {
        Metadata metadata => metadata,
        HttpHeaders headers => (Metadata)(_trailers = ResponseProtocol.GetMetadata(headers)),
        _ => Metadata.Empty,
    };

    internal static bool IsNoCompress(WriteOptions? writeOptions) => writeOptions is not null && (writeOptions.Flags & WriteFlags.NoCompress) != 0;
}
