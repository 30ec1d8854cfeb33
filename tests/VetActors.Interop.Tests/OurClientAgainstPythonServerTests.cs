using Grpc.Core;
using VetActors.Interop.Tests.Infrastructure;
using VetActors.InteropClient;

namespace VetActors.Interop.Tests;

/// <summary>The VetActors client runs the interop cases against a python3-grpcio server (the reverse direction).</summary>
public sealed class OurClientAgainstPythonServerTests(PythonServerFixture server) : IClassFixture<PythonServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.ForPythonServer), MemberType = typeof(InteropCases))]
    public async Task OurClient_AgainstPythonServer_Passes(string testCase)
    {
        var (channel, client) = InteropTestClient.Connect("127.0.0.1", server.Port, TimeProvider.System);
        using var disposeChannel = channel;

        var failure = await Record.ExceptionAsync(() => client.RunAsync(testCase));

        Assert.True(failure is null, $"{testCase}: {Describe(failure)}\n--- python server output ---\n{server.Output}");
    }

    internal static string Describe(Exception? failure) => failure switch
    {
        null => "passed",
        RpcException e => $"unexpected status {e.StatusCode}: \"{e.Status.Detail}\"",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };
}
