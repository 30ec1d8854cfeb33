using Grpc.Core;
using VetActors.Rpc.Bench.Protos;

namespace VetActors.Rpc.Bench;

/// <summary>Echoes the request, like grpc_bench's service: the server's own work is the gRPC layer.</summary>
public sealed class BenchService : Protos.BenchService.BenchServiceBase
{
    public override Task<BenchMessage> Unary(BenchMessage request, ServerCallContext context) => Task.FromResult(request);
}
