using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using VetActors.Rpc.Bench.Protos;

namespace VetActors.Rpc.Bench;

/// <summary>
/// One unary call per operation against the in-process server, over loopback, from <see cref="RawHttp2Client"/>
/// (which allocates nothing per call). The memory diagnoser counts every allocation in the process during the
/// operation (BenchmarkDotNet reads GC.GetTotalAllocatedBytes), so "Allocated" is the server's bytes per call:
/// Kestrel's HTTP/2 stream handling plus the gRPC layer plus the service's reply task.
/// </summary>
[MemoryDiagnoser]
public class UnaryCallBenchmarks
{
    private BenchServer? _server;
    private RawHttp2Client? _client;

    [Params(0, 1024)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchServer.StartAsync().GetAwaiter().GetResult();
        _client = CreateClient(_server.Port, PayloadBytes);
        for (var i = 0; i < 1000; i++)
        {
            _client.Call();
        }
    }

    [Benchmark]
    public int UnaryCall() => _client!.Call();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public static RawHttp2Client CreateClient(int port, int payloadBytes, int? expectedResponseBytes = null)
    {
        var message = new BenchMessage { Payload = ByteString.CopyFrom(new byte[payloadBytes]) };
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return new RawHttp2Client(port, "/vetactors.bench.BenchService/Unary", frame, expectedResponseBytes ?? frame.Length);
    }
}
