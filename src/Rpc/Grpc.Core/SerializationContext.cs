using System.Buffers;

namespace Grpc.Core;

/// <summary>
/// Receives one serialized message. A serializer either calls <see cref="Complete(byte[])"/> with the
/// whole payload, or writes into <see cref="GetBufferWriter"/> (optionally after
/// <see cref="SetPayloadLength"/>) and then calls <see cref="Complete()"/>.
/// </summary>
public abstract class SerializationContext
{
    /// <summary>Completes the message with a payload the serializer produced as one array.</summary>
    public virtual void Complete(byte[] payload) =>
        throw new NotSupportedException($"{GetType().Name} does not accept a payload array.");

    /// <summary>A buffer writer the payload can be written into, avoiding an intermediate array.</summary>
    public virtual IBufferWriter<byte> GetBufferWriter() =>
        throw new NotSupportedException($"{GetType().Name} does not offer a buffer writer.");

    /// <summary>Announces the payload's length before it is written (lets the transport size the frame once).</summary>
    public virtual void SetPayloadLength(int payloadLength)
    {
    }

    /// <summary>Completes a message written through <see cref="GetBufferWriter"/>.</summary>
    public virtual void Complete() =>
        throw new NotSupportedException($"{GetType().Name} does not offer a buffer writer.");
}
