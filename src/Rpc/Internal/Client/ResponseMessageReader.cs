using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Grpc.Core;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// Reads length-prefixed messages from a response body whose DATA frames may split or join messages
/// anywhere. The size limit is checked from the 5-byte prefix, before the payload is buffered.
/// </summary>
internal sealed class ResponseMessageReader : DeserializationContext, IDisposable
{
    private const int HeaderSize = 5;
    private const int MinimumBufferSize = 4096;

    private readonly Stream _stream;
    private readonly int? _maxReceiveMessageSize;
    private readonly ICompressionProvider? _compression;
    private readonly string? _encoding;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private ReadOnlyMemory<byte> _payload;
    private PooledBufferWriter? _decompressed;
    private int _lease;

    public ResponseMessageReader(Stream stream, int? maxReceiveMessageSize, string? encoding, ICompressionProvider? compression)
    {
        _stream = stream;
        _maxReceiveMessageSize = maxReceiveMessageSize;
        _encoding = encoding;
        _compression = compression;
        _buffer = ArrayPool<byte>.Shared.Rent(MinimumBufferSize);
    }

    /// <summary>Reads the next message, or returns <c>null</c> at the end of the body (between messages).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T?> ReadMessageAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
        where T : class
    {
        BufferLease.Enter(ref _lease, this);
        try
        {
            return await ReadMessageCoreAsync(marshaller, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (BufferLease.Exit(ref _lease))
            {
                ReleaseBuffers();
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T?> ReadMessageCoreAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
        where T : class
    {
        if (!await FillAsync(HeaderSize, cancellationToken).ConfigureAwait(false))
        {
            if (_end - _start == 0)
            {
                return null;
            }
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the response ended inside a message header."));
        }

        var flag = _buffer[_start];
        var length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 1));
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Unexpected compressed flag value {flag} in the message header."));
        }
        if (length > (uint)(_maxReceiveMessageSize ?? int.MaxValue) || length > Array.MaxLength - HeaderSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        }

        var frameLength = HeaderSize + (int)length;
        if (!await FillAsync(frameLength, cancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the response ended inside a message."));
        }

        _payload = _buffer.AsMemory(_start + HeaderSize, (int)length);
        _start += frameLength;
        if (flag == 1)
        {
            // The compressed payload is the tail of the frame just consumed, still in the buffer.
            _payload = Decompress(_start - (int)length, (int)length);
        }
        try
        {
            return marshaller.ContextualDeserializer(this);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message.", ex));
        }
        finally
        {
            _payload = default;
        }
    }

    /// <summary>True when the body holds nothing more (the expected state after a unary response).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> IsAtEndAsync(CancellationToken cancellationToken)
    {
        BufferLease.Enter(ref _lease, this);
        try
        {
            return !await FillAsync(1, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (BufferLease.Exit(ref _lease))
            {
                ReleaseBuffers();
            }
        }
    }

    public override int PayloadLength => _payload.Length;

    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(_payload);

    public void Dispose()
    {
        if (BufferLease.Dispose(ref _lease))
        {
            ReleaseBuffers();
        }
    }

    private void ReleaseBuffers()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        _decompressed?.Dispose();
    }

    /// <summary>Reads until at least <paramref name="count"/> unconsumed bytes are buffered; false at end of body.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }
        if (_buffer.Length - _start < count)
        {
            var buffered = _end - _start;
            var target = _buffer.Length >= count ? _buffer : ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            Buffer.BlockCopy(_buffer, _start, target, 0, buffered);
            if (!ReferenceEquals(target, _buffer))
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }
            _start = 0;
            _end = buffered;
        }
        while (_end - _start < count)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }
            _end += read;
        }
        return true;
    }

    private ReadOnlyMemory<byte> Decompress(int offset, int length)
    {
        if (_encoding is null or "identity")
        {
            throw new RpcException(new Status(StatusCode.Internal, "Response did not include grpc-encoding value with compressed message."));
        }
        if (_compression is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Unsupported grpc-encoding value '{_encoding}' on a compressed message."));
        }

        var output = _decompressed ??= new PooledBufferWriter(length * 2);
        output.Reset();
        var limit = _maxReceiveMessageSize ?? int.MaxValue;
        try
        {
            using var source = new MemoryStream(_buffer, offset, length, writable: false);
            using var decompressor = _compression.CreateDecompressionStream(source);
            while (true)
            {
                var span = output.GetSpan(4096);
                var read = decompressor.Read(span);
                if (read == 0)
                {
                    break;
                }
                output.Advance(read);
                if (output.WrittenCount > limit)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to decompress message with grpc-encoding '{_encoding}'.", ex));
        }
        return output.WrittenMemory;
    }
}
