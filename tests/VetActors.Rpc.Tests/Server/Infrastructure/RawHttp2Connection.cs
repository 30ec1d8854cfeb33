using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VetActors.Rpc.Tests.Server.Infrastructure;

/// <summary>
/// A bare HTTP/2 client connection for cases HttpClient cannot produce, such as a client that disappears
/// (socket closed) in the middle of a request stream.
/// </summary>
public sealed class RawHttp2Connection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly string _authority;

    private RawHttp2Connection(int port)
    {
        _authority = $"127.0.0.1:{port}";
    }

    public static async Task<RawHttp2Connection> ConnectAsync(int port)
    {
        var connection = new RawHttp2Connection(port);
        await connection._socket.ConnectAsync(IPAddress.Loopback, port);
        var preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        await connection._socket.SendAsync(GrpcWire.Concat(preface, Frame(0x4, 0, 0, [])));
        return connection;
    }

    /// <summary>Opens stream 1 with a gRPC request's headers (literal HPACK fields, no END_STREAM).</summary>
    public async Task SendHeadersAsync(string path)
    {
        var block = new List<byte> { 0x83, 0x86 };
        Literal(block, 0x04, null, path);
        Literal(block, 0x01, null, _authority);
        Literal(block, 0x0F, null, "application/grpc");
        Literal(block, 0x00, "te", "trailers");
        await _socket.SendAsync(Frame(0x1, 0x4, 1, [.. block]));
    }

    public async Task SendDataAsync(byte[] data) => await _socket.SendAsync(Frame(0x0, 0, 1, data));

    /// <summary>Closes the socket without GOAWAY or RST_STREAM: the client is simply gone.</summary>
    public void Vanish()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose() => _socket.Dispose();

    private static void Literal(List<byte> block, byte prefix, string? name, string value)
    {
        // Literal header field without indexing: 4-bit name index (0x0F continues in the next byte).
        if (prefix == 0x0F)
        {
            block.Add(0x0F);
            block.Add(31 - 15);
        }
        else
        {
            block.Add(prefix);
        }
        if (name is not null)
        {
            block.Add((byte)name.Length);
            block.AddRange(Encoding.ASCII.GetBytes(name));
        }
        block.Add((byte)value.Length);
        block.AddRange(Encoding.ASCII.GetBytes(value));
    }

    private static byte[] Frame(byte type, byte flags, uint stream, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(5), stream);
        payload.CopyTo(frame, 9);
        return frame;
    }
}
