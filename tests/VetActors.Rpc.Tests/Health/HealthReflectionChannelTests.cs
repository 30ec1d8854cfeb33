using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using VetActors.Rpc.Client;
using VetActors.Rpc.Health;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace VetActors.Rpc.Tests.Health;

/// <summary>Health and reflection mapped on a real Kestrel h2c server, called through the project's GrpcChannel.</summary>
public sealed class HealthReflectionChannelTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private HealthStatus _self = HealthStatus.Healthy;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => new HealthCheckResult(_self));
        builder.Services.AddGrpcReflection();
        _app = builder.Build();
        _app.MapGrpcHealthChecksService();
        _app.MapGrpcReflectionService();
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Grpc.Health.V1.Health.HealthClient Health => new(_channel);

    private HealthServiceImpl Registry => _app.Services.GetRequiredService<HealthServiceImpl>();

    [Fact]
    public async Task Check_WholeServer_FollowsHealthChecks()
    {
        Assert.Equal(ServingStatus.Serving, (await Health.CheckAsync(new HealthCheckRequest())).Status);

        _self = HealthStatus.Unhealthy;

        Assert.Equal(ServingStatus.NotServing, (await Health.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Health.CheckAsync(new HealthCheckRequest { Service = "vetactors.missing.v1.Missing" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_StreamsEachChangeUntilTheClientCancels()
    {
        Registry.SetStatus("vetactors.portal.v1.Portal", ServingStatus.Serving);
        using var cancel = new CancellationTokenSource();
        using var watch = Health.Watch(new HealthCheckRequest { Service = "vetactors.portal.v1.Portal" }, cancellationToken: cancel.Token);

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
        Registry.SetStatus("vetactors.portal.v1.Portal", ServingStatus.NotServing);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Watch_ServerStops_SendsNotServingAndEndsTheStream()
    {
        using var watch = Health.Watch(new HealthCheckRequest());
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);

        var stopping = _app.StopAsync();

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        Assert.False(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);
        await stopping;
    }

    [Fact]
    public async Task ReflectionV1_ListServices_ListsHealthAndBothReflectionServices()
    {
        using var call = new V1.ServerReflection.ServerReflectionClient(_channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order());
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task ReflectionV1Alpha_FileContainingSymbol_ReturnsTheFile()
    {
        using var call = new V1Alpha.ServerReflection.ServerReflectionClient(_channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health.Watch" });
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Missing" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(Assert.Single(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto));
        Assert.Equal("grpc/health/v1/health.proto", file.Name);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal((int)StatusCode.NotFound, call.ResponseStream.Current.ErrorResponse.ErrorCode);
    }
}
