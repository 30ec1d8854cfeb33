using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Tests.Reflection;

/// <summary>Mapping reflection without registering it fails at start-up with a message saying what to add.</summary>
public sealed class ReflectionMappingTests
{
    private static WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        return builder.Build();
    }

    [Fact]
    public async Task MapGrpcReflectionService_WithoutAddGrpcReflection_ThrowsNamingTheRegistration()
    {
        await using var app = BuildApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcReflectionService());

        Assert.Contains("AddGrpcReflection", error.Message, StringComparison.Ordinal);
    }
}
