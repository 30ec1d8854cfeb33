using System.Buffers;
using Grpc.Core;

namespace VetActors.Rpc.Internal.Server;

/// <summary>Hands one received payload to a deserializer straight from the request pipe's buffers; reused per call.</summary>
internal sealed class MessageDeserializationContext : DeserializationContext
{
    private ReadOnlySequence<byte> _payload;

    public void SetPayload(in ReadOnlySequence<byte> payload) => _payload = payload;

    public void Clear() => _payload = default;

    public override int PayloadLength => (int)_payload.Length;

    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;
}
