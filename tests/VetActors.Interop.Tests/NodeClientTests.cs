using VetActors.Interop.Tests.Infrastructure;

namespace VetActors.Interop.Tests;

/// <summary>npm's @grpc/grpc-js client runs the interop cases against the VetActors server.</summary>
public sealed class NodeClientTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task GrpcJsClient_AgainstOurServer_Passes(string testCase)
    {
        Peers.RequireNode();
        var run = await server.RunOnceAsync("grpc-js", port =>
            Peers.RunNodeAsync("interop_client.js", "--server_host=127.0.0.1", $"--server_port={port}", "--test_case=all"));
        run.AssertPassed(testCase);
    }
}
