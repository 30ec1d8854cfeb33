using System.Text;

namespace Grpc.Core;

/// <summary>Factory methods for <see cref="Marshaller{T}"/>.</summary>
public static class Marshallers
{
    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer) => new(serializer, deserializer);

    public static Marshaller<T> Create<T>(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer) => new(serializer, deserializer);

    /// <summary>UTF-8 strings.</summary>
    public static Marshaller<string> StringMarshaller { get; } = new(Encoding.UTF8.GetBytes, Encoding.UTF8.GetString);
}
