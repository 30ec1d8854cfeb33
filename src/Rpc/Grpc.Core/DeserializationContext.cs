using System.Buffers;

namespace Grpc.Core;

/// <summary>Gives a deserializer access to one received message's payload.</summary>
public abstract class DeserializationContext
{
    /// <summary>The payload's length in bytes.</summary>
    public virtual int PayloadLength => 0;

    /// <summary>The payload copied into a new array the deserializer may keep.</summary>
    public virtual byte[] PayloadAsNewBuffer() =>
        throw new NotSupportedException($"{GetType().Name} does not offer the payload as an array.");

    /// <summary>The payload without copying; valid only during the deserializer call.</summary>
    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() =>
        throw new NotSupportedException($"{GetType().Name} does not offer the payload as a sequence.");
}
