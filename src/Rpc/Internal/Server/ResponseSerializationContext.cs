using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Turns one response message into a gRPC frame in the response pipe; reused per call. Uncompressed, after
/// <see cref="SetPayloadLength"/>, the serializer writes into Kestrel's buffers with no copy: a small frame
/// (header and payload) is reserved in one piece and committed with one <c>Advance</c>, since every call into
/// Kestrel's response pipe takes the stream's write lock; a larger one has its header written first and the
/// pipe itself as the buffer writer. Otherwise the payload is buffered (and compressed) first, because the
/// header needs its final length.
/// </summary>
internal sealed class ResponseSerializationContext : SerializationContext, IBufferWriter<byte>
{
    // A buffer that grew past this for one large message is dropped rather than kept by the pooled context.
    private const int MaxRetainedBufferSize = 1024 * 1024;

    // Frames up to this size are reserved whole: it fits one block of Kestrel's memory pool, so the
    // reservation never makes the pipe allocate a larger buffer than it would have anyway.
    private const int MaxReservedFrameSize = 4096;

    private PipeWriter? _writer;
    private ICompressionProvider? _compression;
    private CompressionLevel? _compressionLevel;
    private int? _maxSendMessageSize;
    private ArrayBufferWriter<byte>? _payloadBuffer;
    private ArrayBufferWriter<byte>? _compressedBuffer;
    private Memory<byte> _reserved;
    private int _reservedWritten;
    private State _state;

    private enum State
    {
        None,
        Direct,
        Reserved,
        Buffered,
        Completed,
    }

    public void Begin(PipeWriter writer, ICompressionProvider? compression, CompressionLevel? compressionLevel, int? maxSendMessageSize)
    {
        _writer = writer;
        _compression = compression;
        _compressionLevel = compressionLevel;
        _maxSendMessageSize = maxSendMessageSize;
        _state = State.None;
    }

    /// <summary>Throws unless the serializer completed the message.</summary>
    public void End()
    {
        if (_state != State.Completed)
        {
            throw new InvalidOperationException("The message serializer did not complete the message.");
        }
    }

    public void Clear()
    {
        _writer = null;
        _compression = null;
        _reserved = default;
        if (_payloadBuffer is { Capacity: > MaxRetainedBufferSize })
        {
            _payloadBuffer = null;
        }
        if (_compressedBuffer is { Capacity: > MaxRetainedBufferSize })
        {
            _compressedBuffer = null;
        }
    }

    public override void SetPayloadLength(int payloadLength)
    {
        if (_state != State.None)
        {
            return;
        }
        CheckSendLimit(payloadLength);
        if (_compression is not null)
        {
            return;
        }
        if (payloadLength >= 0 && payloadLength <= MaxReservedFrameSize - GrpcProtocolConstants.MessageHeaderSize)
        {
            _reserved = _writer!.GetMemory(GrpcProtocolConstants.MessageHeaderSize + payloadLength);
            WriteHeader(_reserved.Span, compressed: false, payloadLength);
            _reservedWritten = GrpcProtocolConstants.MessageHeaderSize;
            _state = State.Reserved;
            return;
        }
        WriteHeader(_writer!, compressed: false, payloadLength);
        _state = State.Direct;
    }

    public override IBufferWriter<byte> GetBufferWriter()
    {
        switch (_state)
        {
            case State.Reserved:
                return this;
            case State.Direct:
                return _writer!;
            case State.None:
                _payloadBuffer ??= new ArrayBufferWriter<byte>();
                _payloadBuffer.ResetWrittenCount();
                _state = State.Buffered;
                return _payloadBuffer;
            case State.Buffered:
                return _payloadBuffer!;
            default:
                throw new InvalidOperationException("The message has already been completed.");
        }
    }

    public override void Complete()
    {
        switch (_state)
        {
            case State.Reserved:
                _writer!.Advance(_reservedWritten);
                _reserved = default;
                _state = State.Completed;
                break;
            case State.Direct:
                _state = State.Completed;
                break;
            case State.Buffered:
                WriteFrame(_payloadBuffer!.WrittenSpan);
                _state = State.Completed;
                break;
            default:
                throw new InvalidOperationException("No payload was written through the buffer writer.");
        }
    }

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_state is not State.None)
        {
            throw new InvalidOperationException("The message has already been started or completed.");
        }
        WriteFrame(payload);
        _state = State.Completed;
    }

    private void WriteFrame(ReadOnlySpan<byte> payload)
    {
        CheckSendLimit(payload.Length);
        var writer = _writer!;
        if (_compression is null)
        {
            WriteHeader(writer, compressed: false, payload.Length);
            writer.Write(payload);
            return;
        }
        _compressedBuffer ??= new ArrayBufferWriter<byte>();
        _compressedBuffer.ResetWrittenCount();
        using (var target = new BufferWriterStream(_compressedBuffer))
        using (var compressor = _compression.CreateCompressionStream(target, _compressionLevel))
        {
            compressor.Write(payload);
        }
        WriteHeader(writer, compressed: true, _compressedBuffer.WrittenCount);
        writer.Write(_compressedBuffer.WrittenSpan);
    }

    void IBufferWriter<byte>.Advance(int count)
    {
        switch (_state)
        {
            case State.Reserved when (uint)count <= (uint)(_reserved.Length - _reservedWritten):
                _reservedWritten += count;
                break;
            case State.Direct:
                _writer!.Advance(count);
                break;
            default:
                throw new InvalidOperationException("Advanced past the buffer the message writer was given.");
        }
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => GetMemory(sizeHint);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => GetMemory(sizeHint).Span;

    /// <summary>
    /// The rest of the reserved frame, if it holds <paramref name="sizeHint"/> bytes; otherwise (the serializer
    /// writes more than the length it announced) what was written is committed and the pipe takes over.
    /// </summary>
    private Memory<byte> GetMemory(int sizeHint)
    {
        if (_state == State.Reserved)
        {
            var remaining = _reserved.Length - _reservedWritten;
            if (remaining > 0 && remaining >= sizeHint)
            {
                return _reserved[_reservedWritten..];
            }
            _writer!.Advance(_reservedWritten);
            _reserved = default;
            _state = State.Direct;
        }
        if (_state != State.Direct)
        {
            throw new InvalidOperationException("The message is not being written.");
        }
        return _writer!.GetMemory(sizeHint);
    }

    private void CheckSendLimit(int payloadLength)
    {
        if (payloadLength > _maxSendMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }
    }

    private static void WriteHeader(PipeWriter writer, bool compressed, int length)
    {
        WriteHeader(writer.GetSpan(GrpcProtocolConstants.MessageHeaderSize), compressed, length);
        writer.Advance(GrpcProtocolConstants.MessageHeaderSize);
    }

    private static void WriteHeader(Span<byte> span, bool compressed, int length)
    {
        span[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
    }
}
