using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VetActors.Rpc.Tests.Health;

/// <summary>Mapping health without registering it fails at start-up with a message saying what to add.</summary>
public sealed class HealthMappingTests
{
    private static WebApplication BuildApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        return builder.Build();
    }

    [Fact]
    public async Task MapGrpcHealthChecksService_WithoutAddGrpcHealthChecks_ThrowsNamingTheRegistration()
    {
        await using var app = BuildApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcHealthChecksService());

        Assert.Contains("AddGrpcHealthChecks", error.Message, StringComparison.Ordinal);
    }
}
