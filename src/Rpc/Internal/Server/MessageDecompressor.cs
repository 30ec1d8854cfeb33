using System.Buffers;
using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>Decompresses one received message with the request's <c>grpc-encoding</c>, within the receive limit.</summary>
internal static class MessageDecompressor
{
    public static ReadOnlySequence<byte> Decompress(GrpcServerCallContext call, in ReadOnlySequence<byte> payload, out byte[]? rented)
    {
        rented = null;
        var encoding = call.RequestEncoding;
        if (encoding is null || string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            // PROTOCOL-HTTP2.md: the compressed flag without a message encoding is a protocol error.
            throw new RpcException(new Status(StatusCode.Internal, "Request sent a compressed message without a grpc-encoding other than 'identity'."));
        }
        var provider = call.Settings.FindProvider(encoding);
        if (provider is null)
        {
            call.RejectRequestEncoding();
            throw new RpcException(new Status(StatusCode.Unimplemented,
                $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {call.Settings.AcceptEncoding}"));
        }
        var limit = call.Settings.MaxReceiveMessageSize ?? int.MaxValue;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(payload.Length * 4, 256, Math.Min(limit, 1024 * 1024)));
        var length = 0;
        try
        {
            using var source = new ReadOnlySequenceStream(payload);
            using var decompressor = provider.CreateDecompressionStream(source);
            while (true)
            {
                var capacity = Math.Min(buffer.Length, limit);
                if (length == capacity)
                {
                    if (length >= limit)
                    {
                        // One byte more than the limit proves the message is too large.
                        if (decompressor.ReadByte() < 0)
                        {
                            break;
                        }
                        throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
                    }
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    continue;
                }
                var read = decompressor.Read(buffer, length, capacity - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch (InvalidDataException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress the request message.", ex));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        rented = buffer;
        return new ReadOnlySequence<byte>(buffer, 0, length);
    }
}
