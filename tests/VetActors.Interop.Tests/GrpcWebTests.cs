using VetActors.Interop.Tests.Infrastructure;

namespace VetActors.Interop.Tests;

/// <summary>npm's @connectrpc/connect-node gRPC-Web transport calls the VetActors server.</summary>
public sealed class GrpcWebTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.GrpcWeb), MemberType = typeof(InteropCases))]
    public async Task ConnectGrpcWebClient_AgainstOurServer_Passes(string testCase)
    {
        Peers.RequireNode();
        Peers.RequirePython(); // the client builds its descriptors with python3-grpc-tools' protoc
        var run = await server.RunOnceAsync("grpc-web", port =>
            Peers.RunNodeAsync("grpc_web_client.js", "--server_host=127.0.0.1", $"--server_port={port}", "--test_case=all"));
        run.AssertPassed(testCase);
    }
}
