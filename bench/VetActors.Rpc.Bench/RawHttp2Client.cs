using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VetActors.Rpc.Bench;

/// <summary>
/// A minimal synchronous HTTP/2 client that sends one pre-encoded unary gRPC call at a time and reads the
/// response frames until the trailers end the stream. After the first call it allocates nothing, so every
/// byte the process allocates during a measured call is the server's.
/// </summary>
public sealed class RawHttp2Client : IDisposable
{
    private const byte FrameData = 0x0, FrameHeaders = 0x1, FrameRstStream = 0x3, FrameSettings = 0x4, FramePing = 0x6, FrameGoAway = 0x7;
    private const byte FlagEndStream = 0x1, FlagAck = 0x1, FlagEndHeaders = 0x4;

    private readonly Socket _socket;
    private readonly byte[] _firstRequest;
    private readonly byte[] _request;
    private readonly byte[] _readBuffer = new byte[256 * 1024];
    private readonly byte[] _control = new byte[64];
    private readonly int _expectedResponseBytes;
    private int _readStart;
    private int _readEnd;
    private uint _streamId = 1;
    private long _unacknowledgedData;
    private bool _first = true;

    public RawHttp2Client(int port, string path, byte[] grpcFrame, int expectedResponseBytes)
    {
        _expectedResponseBytes = expectedResponseBytes;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(IPAddress.Loopback, port);
        var authority = $"127.0.0.1:{port}";
        // First call: literals with incremental indexing fill the HPACK dynamic table (as h2load/nghttp2 does);
        // later calls name every header by its dynamic-table index.
        var indexing = new List<byte> { 0x83, 0x86 };
        AddLiteral(indexing, 0x44, null, path);
        AddLiteral(indexing, 0x41, null, authority);
        AddLiteral(indexing, 0x5F, null, "application/grpc");
        AddLiteral(indexing, 0x40, "te", "trailers");
        byte[] indexed = [0x83, 0x86, 0x80 | 65, 0x80 | 64, 0x80 | 63, 0x80 | 62];
        _firstRequest = BuildRequest([.. indexing], grpcFrame);
        _request = BuildRequest(indexed, grpcFrame);

        var preface = new List<byte>(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        // SETTINGS: INITIAL_WINDOW_SIZE = 16 MiB per stream; then a large connection window.
        var settings = new byte[9 + 6];
        WriteFrameHeader(settings, 6, FrameSettings, 0, 0);
        BinaryPrimitives.WriteUInt16BigEndian(settings.AsSpan(9), 0x4);
        BinaryPrimitives.WriteUInt32BigEndian(settings.AsSpan(11), 16 * 1024 * 1024);
        preface.AddRange(settings);
        preface.AddRange(WindowUpdate(0, 1 << 30));
        _socket.Send([.. preface]);
    }

    /// <summary>Sends one call and returns the number of response DATA bytes (the gRPC frame).</summary>
    public int Call()
    {
        var request = _first ? _firstRequest : _request;
        _first = false;
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(5), _streamId);
        var dataOffset = 9 + BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(1)) + ((request[0] << 16) & 0xFF0000);
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(dataOffset + 5), _streamId);
        _socket.Send(request);
        var received = 0;
        while (true)
        {
            var header = ReadFrame(out var payloadOffset);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var type = header[3];
            var flags = header[4];
            var stream = BinaryPrimitives.ReadUInt32BigEndian(header[5..]) & 0x7FFFFFFF;
            switch (type)
            {
                case FrameSettings when (flags & FlagAck) == 0:
                    WriteFrameHeader(_control, 0, FrameSettings, FlagAck, 0);
                    _socket.Send(_control.AsSpan(0, 9));
                    break;
                case FramePing when (flags & FlagAck) == 0:
                    WriteFrameHeader(_control, 8, FramePing, FlagAck, 0);
                    _readBuffer.AsSpan(payloadOffset, 8).CopyTo(_control.AsSpan(9));
                    _socket.Send(_control.AsSpan(0, 17));
                    break;
                case FrameData when stream == _streamId:
                    received += length;
                    _unacknowledgedData += length;
                    if (_unacknowledgedData > 1 << 20)
                    {
                        _socket.Send(WindowUpdateInto(_control, 0, (uint)_unacknowledgedData));
                        _unacknowledgedData = 0;
                    }
                    break;
                case FrameHeaders when stream == _streamId && (flags & FlagEndStream) != 0:
                    _streamId += 2;
                    if (received != _expectedResponseBytes)
                    {
                        throw new InvalidOperationException($"Expected {_expectedResponseBytes} response bytes, got {received}.");
                    }
                    return received;
                case FrameRstStream or FrameGoAway:
                    throw new InvalidOperationException($"The server ended the stream or connection (frame type {type}).");
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private ReadOnlySpan<byte> ReadFrame(out int payloadOffset)
    {
        Fill(9);
        var length = (_readBuffer[_readStart] << 16) | (_readBuffer[_readStart + 1] << 8) | _readBuffer[_readStart + 2];
        Fill(9 + length);
        var header = _readBuffer.AsSpan(_readStart, 9);
        payloadOffset = _readStart + 9;
        _readStart += 9 + length;
        return header;
    }

    private void Fill(int needed)
    {
        if (_readEnd - _readStart >= needed)
        {
            return;
        }
        if (_readStart > 0)
        {
            _readBuffer.AsSpan(_readStart, _readEnd - _readStart).CopyTo(_readBuffer);
            _readEnd -= _readStart;
            _readStart = 0;
        }
        while (_readEnd < needed)
        {
            var read = _socket.Receive(_readBuffer, _readEnd, _readBuffer.Length - _readEnd, SocketFlags.None);
            if (read == 0)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
            _readEnd += read;
        }
    }

    private static byte[] BuildRequest(byte[] headerBlock, byte[] grpcFrame)
    {
        var request = new byte[9 + headerBlock.Length + 9 + grpcFrame.Length];
        WriteFrameHeader(request, headerBlock.Length, FrameHeaders, FlagEndHeaders, 1);
        headerBlock.CopyTo(request, 9);
        WriteFrameHeader(request.AsSpan(9 + headerBlock.Length), grpcFrame.Length, FrameData, FlagEndStream, 1);
        grpcFrame.CopyTo(request, 18 + headerBlock.Length);
        return request;
    }

    private static void AddLiteral(List<byte> block, byte prefix, string? name, string value)
    {
        block.Add(prefix);
        if (name is not null)
        {
            block.Add((byte)name.Length);
            block.AddRange(Encoding.ASCII.GetBytes(name));
        }
        block.Add((byte)value.Length);
        block.AddRange(Encoding.ASCII.GetBytes(value));
    }

    private static byte[] WindowUpdate(uint stream, uint increment) => WindowUpdateInto(new byte[13], stream, increment).ToArray();

    private static ReadOnlySpan<byte> WindowUpdateInto(byte[] buffer, uint stream, uint increment)
    {
        WriteFrameHeader(buffer, 4, 0x8, 0, stream);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(9), increment);
        return buffer.AsSpan(0, 13);
    }

    private static void WriteFrameHeader(Span<byte> buffer, int length, byte type, byte flags, uint stream)
    {
        buffer[0] = (byte)(length >> 16);
        buffer[1] = (byte)(length >> 8);
        buffer[2] = (byte)length;
        buffer[3] = type;
        buffer[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(buffer[5..], stream);
    }
}
