using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace VetActors.Rpc.Internal.Client;

/// <summary>
/// Serializes request messages into length-prefixed frames (1-byte compressed flag, 4-byte big-endian
/// length, payload). The serializer writes straight after the reserved prefix, so an uncompressed
/// message is never copied. One framer per call; a frame is valid until the next one is made.
/// </summary>
internal sealed class RequestMessageFramer : SerializationContext, IDisposable
{
    private const int HeaderSize = 5;

    private PooledBufferWriter? _writer;
    private PooledBufferWriter? _compressed;
    private bool _completed;
    private int _lease;

    /// <summary>Marks the framer's buffers in use until <see cref="Exit"/> (a frame is being written).</summary>
    public void Enter() => BufferLease.Enter(ref _lease, this);

    public void Exit()
    {
        if (BufferLease.Exit(ref _lease))
        {
            ReleaseBuffers();
        }
    }

    /// <summary>Serializes and frames <paramref name="message"/>; the result lives in a buffer this framer owns.</summary>
    public ReadOnlyMemory<byte> Frame<T>(Marshaller<T> marshaller, T message, ICompressionProvider? compression, int? maxSendMessageSize)
    {
        var writer = _writer ??= new PooledBufferWriter();
        writer.Reset();
        writer.GetSpan(HeaderSize);
        writer.Advance(HeaderSize);
        _completed = false;

        marshaller.ContextualSerializer(message, this);
        if (!_completed)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Error serializing message: the serializer did not complete it."));
        }

        var payloadLength = writer.WrittenCount - HeaderSize;
        if (payloadLength > maxSendMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }
        if (compression is null)
        {
            WriteHeader(writer.WrittenSpan, compressed: false, payloadLength);
            return writer.WrittenMemory;
        }

        var target = _compressed ??= new PooledBufferWriter();
        target.Reset();
        target.GetSpan(HeaderSize);
        target.Advance(HeaderSize);
        using (var stream = compression.CreateCompressionStream(new BufferWriterStream(target), compressionLevel: null))
        {
            stream.Write(writer.WrittenSpan[HeaderSize..]);
        }
        WriteHeader(target.WrittenSpan, compressed: true, target.WrittenCount - HeaderSize);
        return target.WrittenMemory;
    }

    /// <summary>
    /// Hands the buffer behind the last uncompressed frame to the caller (who disposes it), so a unary
    /// request can be sent from it after this framer is gone.
    /// </summary>
    public PooledBufferWriter DetachFrame(bool compressed)
    {
        PooledBufferWriter? detached;
        if (compressed)
        {
            detached = _compressed;
            _compressed = null;
        }
        else
        {
            detached = _writer;
            _writer = null;
        }
        return detached ?? throw new InvalidOperationException("No frame to detach.");
    }

    public override void SetPayloadLength(int payloadLength) => _writer!.Ensure(payloadLength);

    public override IBufferWriter<byte> GetBufferWriter() => _writer!;

    public override void Complete() => _completed = true;

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        payload.CopyTo(_writer!.GetSpan(payload.Length));
        _writer.Advance(payload.Length);
        _completed = true;
    }

    public void Dispose()
    {
        if (BufferLease.Dispose(ref _lease))
        {
            ReleaseBuffers();
        }
    }

    private void ReleaseBuffers()
    {
        _writer?.Dispose();
        _compressed?.Dispose();
    }

    private static void WriteHeader(Span<byte> frame, bool compressed, int payloadLength)
    {
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame[1..], (uint)payloadLength);
    }
}
