using System.Buffers;

namespace Grpc.Core;

/// <summary>Turns messages of type <typeparamref name="T"/> into bytes and back.</summary>
public class Marshaller<T>
{
    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        Serializer = serializer;
        Deserializer = deserializer;
        ContextualSerializer = (message, context) => context.Complete(serializer(message));
        ContextualDeserializer = context => deserializer(context.PayloadAsNewBuffer());
    }

    public Marshaller(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        ContextualSerializer = serializer;
        ContextualDeserializer = deserializer;
        Serializer = message =>
        {
            var context = new ArraySerializationContext();
            serializer(message, context);
            return context.Payload;
        };
        Deserializer = payload => deserializer(new ArrayDeserializationContext(payload));
    }

    public Func<T, byte[]> Serializer { get; }

    public Func<byte[], T> Deserializer { get; }

    public Action<T, SerializationContext> ContextualSerializer { get; }

    public Func<DeserializationContext, T> ContextualDeserializer { get; }

    /// <summary>Collects a contextual serializer's output into one array (for the array-based API).</summary>
    private sealed class ArraySerializationContext : SerializationContext
    {
        private ArrayBufferWriter<byte>? _writer;
        private byte[]? _payload;

        public byte[] Payload => _payload ?? throw new InvalidOperationException("The serializer did not complete the message.");

        public override void Complete(byte[] payload) => _payload = payload;

        public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

        public override void Complete() => _payload = _writer is null ? [] : _writer.WrittenSpan.ToArray();
    }

    private sealed class ArrayDeserializationContext(byte[] payload) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
    }
}
