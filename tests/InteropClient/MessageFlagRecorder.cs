using System.Collections.Concurrent;
using System.Net;

namespace VetActors.InteropClient;

/// <summary>
/// An HTTP handler for the client channel that reads the gRPC framing of every response body as it
/// streams past and records each message's compressed flag, so that the server-compression cases can
/// check what the server really sent (the gRPC API never shows it).
/// </summary>
public sealed class MessageFlagRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<bool> _flags = new();

    public MessageFlagRecorder(HttpMessageHandler innerHandler) : base(innerHandler)
    {
    }

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear() => _flags.Clear();

    /// <summary>The compressed flags of the response messages received since <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<bool> CompressedFlags => [.. _flags];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        response.Content = new RecordingContent(response.Content, _flags);
        return response;
    }

    private sealed class RecordingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly ConcurrentQueue<bool> _flags;

        public RecordingContent(HttpContent inner, ConcurrentQueue<bool> flags)
        {
            _inner = inner;
            _flags = flags;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var source = await CreateContentReadStreamAsync();
            await source.CopyToAsync(stream);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var source = await CreateContentReadStreamAsync(cancellationToken);
            await source.CopyToAsync(stream, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new FrameSniffingStream(await _inner.ReadAsStreamAsync(), _flags);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new FrameSniffingStream(await _inner.ReadAsStreamAsync(cancellationToken), _flags);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Passes bytes through unchanged while tracking message boundaries (5-byte prefix, then the body).</summary>
    private sealed class FrameSniffingStream(Stream inner, ConcurrentQueue<bool> flags) : Stream
    {
        private readonly byte[] _prefix = new byte[5];
        private int _prefixFilled;
        private long _bodyLeft;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Observe(buffer.AsSpan(offset, read));
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Observe(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        private void Observe(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (_bodyLeft > 0)
                {
                    var skip = (int)Math.Min(_bodyLeft, data.Length);
                    _bodyLeft -= skip;
                    data = data[skip..];
                    continue;
                }
                var take = Math.Min(_prefix.Length - _prefixFilled, data.Length);
                data[..take].CopyTo(_prefix.AsSpan(_prefixFilled));
                _prefixFilled += take;
                data = data[take..];
                if (_prefixFilled == _prefix.Length)
                {
                    flags.Enqueue(_prefix[0] == 1);
                    _bodyLeft = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_prefix.AsSpan(1));
                    _prefixFilled = 0;
                }
            }
        }
    }
}
