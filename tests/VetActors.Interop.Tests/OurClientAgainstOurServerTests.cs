using VetActors.Interop.Tests.Infrastructure;
using VetActors.InteropClient;

namespace VetActors.Interop.Tests;

/// <summary>The VetActors client runs every interop case against the VetActors server.</summary>
public sealed class OurClientAgainstOurServerTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task OurClient_AgainstOurServer_Passes(string testCase)
    {
        var (channel, client) = InteropTestClient.Connect("127.0.0.1", server.Port, TimeProvider.System);
        using var disposeChannel = channel;

        var failure = await Record.ExceptionAsync(() => client.RunAsync(testCase));

        Assert.True(failure is null, $"{testCase}: {OurClientAgainstPythonServerTests.Describe(failure)}");
    }
}
