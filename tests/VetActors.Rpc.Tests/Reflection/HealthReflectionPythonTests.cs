using System.Text.Json;

namespace VetActors.Rpc.Tests.Reflection;

/// <summary>End to end over h2c: Debian's python3-grpcio, an independent gRPC implementation, uses health and reflection.</summary>
public sealed class HealthReflectionPythonTests(HealthReflectionPythonFixture peer) : IClassFixture<HealthReflectionPythonFixture>
{
    private static readonly string[] MappedServices =
    [
        "vetactors.rpc.tests.EchoService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
    ];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public void Reflection_ListServices_ListsEveryMappedService(string version)
    {
        var services = Strings(peer.Result.GetProperty(version).GetProperty("services"));

        Assert.Equal(MappedServices.Order(), services.Order());
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public void Reflection_ServedFiles_LinkIntoDescriptorsWithEveryMethod(string version)
    {
        var methods = peer.Result.GetProperty(version).GetProperty("methods");

        Assert.Equal(["Echo", "Collect", "Expand", "Chat"], Strings(methods.GetProperty("vetactors.rpc.tests.EchoService")));
        Assert.Equal(["Check", "Watch"], Strings(methods.GetProperty("grpc.health.v1.Health")));
        Assert.Equal(["ServerReflectionInfo"], Strings(methods.GetProperty("grpc.reflection.v1alpha.ServerReflection")));
    }

    [Fact]
    public void Reflection_UnknownSymbol_ErrorResponseNotFound()
    {
        Assert.Equal(5, peer.Result.GetProperty("v1").GetProperty("unknown_symbol_error").GetInt32());
        Assert.Equal(5, peer.Result.GetProperty("v1alpha").GetProperty("unknown_symbol_error").GetInt32());
    }

    [Fact]
    public void Reflection_DescriptorsAlone_AreEnoughToCallTheService()
    {
        Assert.Equal("from python", peer.Result.GetProperty("echo").GetString());
    }

    [Fact]
    public void Health_Check_WholeServerServing()
    {
        Assert.Equal("SERVING", peer.Result.GetProperty("health").GetProperty("overall").GetString());
    }

    [Fact]
    public void Health_CheckUnknownService_NotFound()
    {
        Assert.Equal("NOT_FOUND", peer.Result.GetProperty("health").GetProperty("unknown").GetString());
    }

    [Fact]
    public void Health_Watch_SendsCurrentStatusFirst()
    {
        var health = peer.Result.GetProperty("health");

        Assert.Equal("SERVING", health.GetProperty("watch_first").GetString());
        Assert.Equal("SERVICE_UNKNOWN", health.GetProperty("watch_unknown_first").GetString());
    }
}
