using VetActors.Interop.Tests.Infrastructure;

namespace VetActors.Interop.Tests;

/// <summary>A python3-grpcio client checks health and lists and describes services through reflection.</summary>
public sealed class HealthAndReflectionTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [InlineData("health Check \"\"")]
    [InlineData("health Check unknown service")]
    [InlineData("health Watch \"\"")]
    [InlineData("reflection v1 list_services")]
    [InlineData("reflection v1 file_containing_symbol grpc.testing.TestService")]
    [InlineData("reflection v1 unknown symbol")]
    [InlineData("reflection v1alpha list_services")]
    [InlineData("reflection v1alpha file_containing_symbol grpc.testing.TestService")]
    [InlineData("reflection v1alpha unknown symbol")]
    public async Task PythonHealthReflectionClient_AgainstOurServer_Passes(string check)
    {
        Peers.RequirePython();
        var run = await server.RunOnceAsync("health-reflection", port =>
            Peers.RunPythonAsync("health_reflection_client.py", "--server_host=127.0.0.1", $"--server_port={port}",
                "--reflection=v1,v1alpha", "--expect_services=grpc.testing.TestService"));
        run.AssertPassed(check);
    }
}
