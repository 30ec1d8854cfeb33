using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Grpc.Core;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

/// <summary>
/// Reads length-prefixed gRPC messages from the request pipe. Message boundaries are independent of DATA
/// frames: an incomplete message is left in the pipe (examined, not consumed) until the rest arrives, and the
/// receive limit is checked from the 5-byte header before the body is buffered. Payloads are deserialized
/// from the pipe's own buffers.
/// </summary>
internal static class MessageReader
{
    /// <summary>Reads the one request of a unary or server-streaming call, up to the end of the request stream.</summary>
    public static ValueTask<T> ReadSingleMessageAsync<T>(GrpcServerCallContext call, Func<DeserializationContext, T> deserializer)
        where T : class
    {
        var reader = call.RequestReader;
        T? message = null;
        while (true)
        {
            var pending = reader.ReadAsync();
            if (!pending.IsCompleted)
            {
                return ReadSingleMessageSlowAsync(call, deserializer, pending, message);
            }
            if (ProcessSingle(call, reader, pending.Result, deserializer, ref message))
            {
                return new ValueTask<T>(message!);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<T> ReadSingleMessageSlowAsync<T>(GrpcServerCallContext call, Func<DeserializationContext, T> deserializer, ValueTask<ReadResult> pending, T? message)
        where T : class
    {
        var reader = call.RequestReader;
        while (true)
        {
            var result = await pending;
            if (ProcessSingle(call, reader, result, deserializer, ref message))
            {
                return message!;
            }
            pending = reader.ReadAsync();
        }
    }

    /// <summary>Handles one read of a single-message request; true once the message and the end of the stream are in.</summary>
    private static bool ProcessSingle<T>(GrpcServerCallContext call, PipeReader reader, in ReadResult result, Func<DeserializationContext, T> deserializer, ref T? message)
        where T : class
    {
        var buffer = result.Buffer;
        try
        {
            if (message is null)
            {
                if (!TryReadFrame(call, ref buffer, out var payload, out var compressed))
                {
                    if (result.IsCompleted)
                    {
                        // Zero requests for a method that takes exactly one is a cardinality violation (statuscodes.md).
                        throw buffer.IsEmpty
                            ? new RpcException(new Status(StatusCode.Unimplemented, "Request did not include a message."))
                            : new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                    }
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return false;
                }
                message = Deserialize(call, payload, compressed, deserializer);
            }
            if (!buffer.IsEmpty)
            {
                if (TryReadFrame(call, ref buffer, out _, out _))
                {
                    throw new RpcException(new Status(StatusCode.Unimplemented, "Additional message received for a method that takes one request."));
                }
                if (result.IsCompleted)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                return false;
            }
            reader.AdvanceTo(buffer.End);
            return result.IsCompleted;
        }
        catch (RpcException)
        {
            reader.AdvanceTo(result.Buffer.End);
            throw;
        }
    }

    /// <summary>Reads the next message of a streaming request; null at the end of the request stream.</summary>
    public static ValueTask<T?> ReadStreamMessageAsync<T>(GrpcServerCallContext call, Func<DeserializationContext, T> deserializer, CancellationToken cancellationToken)
        where T : class
    {
        var reader = call.RequestReader;
        while (true)
        {
            var pending = reader.ReadAsync(cancellationToken);
            if (!pending.IsCompleted)
            {
                return ReadStreamMessageSlowAsync(call, deserializer, pending, cancellationToken);
            }
            if (ProcessStream(call, reader, pending.Result, deserializer, out var message))
            {
                return new ValueTask<T?>(message);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<T?> ReadStreamMessageSlowAsync<T>(GrpcServerCallContext call, Func<DeserializationContext, T> deserializer, ValueTask<ReadResult> pending, CancellationToken cancellationToken)
        where T : class
    {
        var reader = call.RequestReader;
        while (true)
        {
            var result = await pending;
            if (ProcessStream(call, reader, result, deserializer, out var message))
            {
                return message;
            }
            pending = reader.ReadAsync(cancellationToken);
        }
    }

    private static bool ProcessStream<T>(GrpcServerCallContext call, PipeReader reader, in ReadResult result, Func<DeserializationContext, T> deserializer, out T? message)
        where T : class
    {
        var buffer = result.Buffer;
        message = null;
        try
        {
            if (TryReadFrame(call, ref buffer, out var payload, out var compressed))
            {
                message = Deserialize(call, payload, compressed, deserializer);
                reader.AdvanceTo(buffer.Start);
                return true;
            }
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
                }
                reader.AdvanceTo(buffer.End);
                return true;
            }
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("Reading the request was cancelled.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            return false;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            reader.AdvanceTo(result.Buffer.End);
            throw;
        }
    }

    /// <summary>Slices one complete frame off <paramref name="buffer"/>; false (buffer untouched) if it is not all there yet.</summary>
    public static bool TryReadFrame(GrpcServerCallContext call, ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload, out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < GrpcProtocolConstants.MessageHeaderSize)
        {
            return false;
        }
        Span<byte> copy = stackalloc byte[GrpcProtocolConstants.MessageHeaderSize];
        var first = buffer.FirstSpan;
        ReadOnlySpan<byte> header = first.Length >= GrpcProtocolConstants.MessageHeaderSize ? first[..GrpcProtocolConstants.MessageHeaderSize] : copy;
        if (first.Length < GrpcProtocolConstants.MessageHeaderSize)
        {
            buffer.Slice(0, GrpcProtocolConstants.MessageHeaderSize).CopyTo(copy);
        }
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Unexpected compressed flag value in message header."));
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)(call.Settings.MaxReceiveMessageSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        }
        if (buffer.Length - GrpcProtocolConstants.MessageHeaderSize < length)
        {
            return false;
        }
        payload = buffer.Slice(GrpcProtocolConstants.MessageHeaderSize, length);
        buffer = buffer.Slice(payload.End);
        compressed = flag == 1;
        return true;
    }

    private static T Deserialize<T>(GrpcServerCallContext call, in ReadOnlySequence<byte> payload, bool compressed, Func<DeserializationContext, T> deserializer)
    {
        byte[]? rented = null;
        var context = call.DeserializationContext;
        try
        {
            context.SetPayload(compressed ? MessageDecompressor.Decompress(call, payload, out rented) : payload);
            return deserializer(context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the request message.", ex));
        }
        finally
        {
            context.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
