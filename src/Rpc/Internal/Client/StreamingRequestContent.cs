using System.Net;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// The body of a call with a request stream. The HTTP handler calls <c>SerializeToStreamAsync</c> once the
/// request headers are sent; the call's writer then writes frames to that body stream, and the body ends
/// (END_STREAM) when the writer completes.
/// </summary>
/// <remarks>
/// A server may refuse a new stream (REFUSED_STREAM, for instance when a connection is opened with more
/// streams than the server's limit before its SETTINGS arrive); the handler then retries the request on
/// another stream and serializes this content again. Until the response headers show the stream was
/// accepted, the frames written so far are kept (up to a bound) and replayed on the new stream.
/// </remarks>
internal sealed class StreamingRequestContent : HttpContent
{
    // Enough for the first messages of a call; a refused stream with more in flight fails as UNAVAILABLE.
    private const int MaxReplayBytes = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Attempt _current = new();
    private bool _started;
    private PooledBufferWriter? _replay = new();

    public StreamingRequestContent()
    {
        Headers.TryAddWithoutValidation("content-type", GrpcProtocolConstants.ContentType);
    }

    public bool IsCompleted => _completed.Task.IsCompleted;

    /// <summary>
    /// Writes one frame to the body, waiting for the body to start (and for flow control); flushed unless
    /// the caller hinted that more follow (<see cref="Grpc.Core.WriteFlags.BufferHint"/>).
    /// </summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> frame, bool flush, CancellationToken cancellationToken)
    {
        Attempt attempt;
        bool replayable;
        lock (_lock)
        {
            attempt = _current;
            if (_replay is not null && _replay.WrittenCount + frame.Length > MaxReplayBytes)
            {
                StopReplayLocked();
            }
            if (_replay is not null)
            {
                frame.Span.CopyTo(_replay.GetSpan(frame.Length));
                _replay.Advance(frame.Length);
            }
            replayable = _replay is not null;
        }

        var stream = await attempt.Stream.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            if (flush)
            {
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (replayable && !cancellationToken.IsCancellationRequested)
        {
            // The stream was reset; if the handler retries the request, the next attempt replays this frame.
            await attempt.Replayed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server accepted the stream (response headers arrived): nothing needs replaying any more.</summary>
    public void StopReplay()
    {
        lock (_lock)
        {
            StopReplayLocked();
        }
    }

    /// <summary>Ends the request body (half-close).</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>The call is over: pending writes fail and the body ends.</summary>
    public void Abort()
    {
        Attempt current;
        lock (_lock)
        {
            current = _current;
            StopReplayLocked();
        }
        current.Stream.TrySetCanceled();
        current.Replayed.TrySetCanceled();
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Attempt attempt;
        Attempt? previous = null;
        byte[]? replay = null;
        lock (_lock)
        {
            if (!_started)
            {
                _started = true;
                attempt = _current;
            }
            else
            {
                if (_replay is null)
                {
                    throw new IOException("The server refused the request stream and its messages can no longer be replayed.");
                }
                previous = _current;
                attempt = _current = new Attempt();
                replay = _replay.WrittenSpan.ToArray();
            }
        }

        if (replay is { Length: > 0 })
        {
            await stream.WriteAsync(replay, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        attempt.Stream.TrySetResult(stream);
        previous?.Replayed.TrySetResult();
        try
        {
            await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stream was reset or the request cancelled: the response side reports why (and may retry).
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopReplay();
        }
        base.Dispose(disposing);
    }

    private void StopReplayLocked()
    {
        _replay?.Dispose();
        _replay = null;
    }

    /// <summary>One HTTP/2 stream the body is sent on.</summary>
    private sealed class Attempt
    {
        public TaskCompletionSource<Stream> Stream { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completed when the next attempt has replayed everything written to this one.</summary>
        public TaskCompletionSource Replayed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
