using System.Buffers;
using System.IO.Pipelines;
using Grpc.Core;
using VetActors.Rpc.Internal.Server;

namespace VetActors.Rpc.Tests.Internal.Server;

public sealed class ResponseSerializationContextTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(4091)]
    [InlineData(4092)]
    [InlineData(100_000)]
    public async Task Serialize_AnnouncedLength_WritesOneFrame(int length)
    {
        var payload = Payload(length);

        var written = await SerializeAsync(context =>
        {
            context.SetPayloadLength(length);
            WriteInPieces(context.GetBufferWriter(), payload, 700);
            context.Complete();
        });

        Assert.Equal(Frame(payload), written);
    }

    [Fact]
    public async Task Serialize_MoreThanAnnounced_KeepsEveryByteInOrder()
    {
        // A serializer that writes past the length it announced still gets its bytes into the pipe in order.
        var payload = Payload(9000);

        var written = await SerializeAsync(context =>
        {
            context.SetPayloadLength(10);
            WriteInPieces(context.GetBufferWriter(), payload, 3000);
            context.Complete();
        });

        Assert.Equal([0, 0, 0, 0, 10, .. payload], written);
    }

    [Fact]
    public async Task Serialize_WithoutLength_BuffersThenFrames()
    {
        var payload = Payload(300);

        var written = await SerializeAsync(context =>
        {
            WriteInPieces(context.GetBufferWriter(), payload, 64);
            context.Complete();
        });

        Assert.Equal(Frame(payload), written);
    }

    [Fact]
    public async Task Serialize_ThrowsBeforeComplete_LeavesNothingInThePipe()
    {
        var written = await SerializeAsync(context =>
        {
            context.SetPayloadLength(20);
            WriteInPieces(context.GetBufferWriter(), Payload(8), 8);
            Assert.Throws<InvalidOperationException>(context.End);
        });

        Assert.Empty(written);
    }

    [Fact]
    public async Task Advance_PastTheGivenBuffer_Throws()
    {
        await SerializeAsync(context =>
        {
            context.SetPayloadLength(4);
            var writer = context.GetBufferWriter();
            var available = writer.GetSpan(4).Length;
            Assert.Throws<InvalidOperationException>(() => writer.Advance(available + 1));
        });
    }

    [Fact]
    public async Task SetPayloadLength_OverSendLimit_IsResourceExhausted()
    {
        await SerializeAsync(
            context =>
            {
                var error = Assert.Throws<RpcException>(() => context.SetPayloadLength(101));
                Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            },
            maxSendMessageSize: 100);
    }

    private static async Task<byte[]> SerializeAsync(Action<ResponseSerializationContext> serialize, int? maxSendMessageSize = null)
    {
        var pipe = new Pipe();
        var context = new ResponseSerializationContext();
        context.Begin(pipe.Writer, compression: null, compressionLevel: null, maxSendMessageSize);
        try
        {
            serialize(context);
        }
        finally
        {
            context.Clear();
        }
        await pipe.Writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync();
        while (!result.IsCompleted)
        {
            pipe.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await pipe.Reader.ReadAsync();
        }
        var bytes = result.Buffer.ToArray();
        pipe.Reader.AdvanceTo(result.Buffer.End);
        return bytes;
    }

    private static void WriteInPieces(IBufferWriter<byte> writer, byte[] payload, int piece)
    {
        for (var offset = 0; offset < payload.Length; offset += piece)
        {
            var chunk = payload.AsSpan(offset, Math.Min(piece, payload.Length - offset));
            chunk.CopyTo(writer.GetSpan(chunk.Length));
            writer.Advance(chunk.Length);
        }
    }

    private static byte[] Payload(int length)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)(i * 7 + 3);
        }
        return payload;
    }

    private static byte[] Frame(byte[] payload) =>
        [0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
}
