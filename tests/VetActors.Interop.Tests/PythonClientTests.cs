using VetActors.Interop.Tests.Infrastructure;

namespace VetActors.Interop.Tests;

/// <summary>Debian's python3-grpcio client runs the interop cases against the VetActors server.</summary>
public sealed class PythonClientTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task PythonClient_AgainstOurServer_Passes(string testCase)
    {
        Peers.RequirePython();
        var run = await server.RunOnceAsync("python", port =>
            Peers.RunPythonAsync("interop_client.py", "--server_host=127.0.0.1", $"--server_port={port}", "--test_case=all"));
        run.AssertPassed(testCase);
    }
}
