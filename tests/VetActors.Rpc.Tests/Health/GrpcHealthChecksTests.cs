using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using VetActors.Rpc.Health;
using VetActors.Rpc.Health.Internal;
using VetActors.Rpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Tests.Health;

/// <summary>AddGrpcHealthChecks: gRPC serving statuses follow the ASP.NET Core health checks.</summary>
public sealed class GrpcHealthChecksTests : IDisposable
{
    private HealthStatus _database = HealthStatus.Healthy;
    private HealthStatus _mail = HealthStatus.Healthy;
    private ServiceProvider? _provider;

    public void Dispose() => _provider?.Dispose();

    private HealthServiceImpl Build(Action<GrpcHealthChecksOptions>? configure = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        more?.Invoke(services);
        services.AddGrpcHealthChecks(configure ?? (_ => { }))
            .AddCheck("database", () => new HealthCheckResult(_database), tags: ["storage"])
            .AddCheck("mail", () => new HealthCheckResult(_mail), tags: ["messaging"]);
        _provider = services.BuildServiceProvider();
        return _provider.GetRequiredService<HealthServiceImpl>();
    }

    private async Task PublishAsync()
    {
        var report = await _provider!.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        foreach (var publisher in _provider!.GetServices<IHealthCheckPublisher>())
        {
            await publisher.PublishAsync(report, CancellationToken.None);
        }
    }

    private static async Task<ServingStatus> CheckAsync(HealthServiceImpl health, string service) =>
        (await health.Check(new HealthCheckRequest { Service = service }, new TestServerCallContext())).Status;

    [Theory]
    [InlineData(HealthStatus.Healthy, HealthStatus.Healthy, ServingStatus.Serving)]
    [InlineData(HealthStatus.Degraded, HealthStatus.Healthy, ServingStatus.Serving)]
    [InlineData(HealthStatus.Healthy, HealthStatus.Unhealthy, ServingStatus.NotServing)]
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Degraded, ServingStatus.NotServing)]
    public async Task Check_WholeServer_FollowsEveryHealthCheck(HealthStatus database, HealthStatus mail, ServingStatus expected)
    {
        var health = Build();
        (_database, _mail) = (database, mail);

        Assert.Equal(expected, await CheckAsync(health, ""));
    }

    [Fact]
    public async Task Check_WithoutCache_RunsTheChecksOnEachCall()
    {
        var health = Build();
        Assert.Equal(ServingStatus.Serving, await CheckAsync(health, ""));

        _database = HealthStatus.Unhealthy;

        Assert.Equal(ServingStatus.NotServing, await CheckAsync(health, ""));
    }

    [Fact]
    public async Task Check_MappedService_CountsOnlySelectedChecks()
    {
        var health = Build(o => o.Services.Map("vetactors.staff.v1.Staff", c => c.Tags.Contains("storage")));
        _mail = HealthStatus.Unhealthy;

        Assert.Equal(ServingStatus.Serving, await CheckAsync(health, "vetactors.staff.v1.Staff"));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(health, ""));
    }

    [Fact]
    public async Task Check_UnmappedService_FailsNotFound()
    {
        var health = Build();

        var error = await Assert.ThrowsAsync<RpcException>(() => CheckAsync(health, "vetactors.staff.v1.Staff"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Check_DefaultMappingRemoved_WholeServerUnknown()
    {
        var health = Build(o => o.Services.Remove(""));

        var error = await Assert.ThrowsAsync<RpcException>(() => CheckAsync(health, ""));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Check_WithCache_AnswersFromLastPublishedReport()
    {
        var health = Build(o => o.UseHealthChecksCache = true);
        var beforePublish = await Assert.ThrowsAsync<RpcException>(() => CheckAsync(health, ""));
        Assert.Equal(StatusCode.NotFound, beforePublish.StatusCode);

        await PublishAsync();
        _database = HealthStatus.Unhealthy;

        Assert.Equal(ServingStatus.Serving, await CheckAsync(health, ""));
        await PublishAsync();
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(health, ""));
    }

    [Fact]
    public async Task Publish_UnhealthyCheck_SetsNotServingOnlyForServicesItCounts()
    {
        var health = Build(o =>
        {
            o.Services.Map("storage", c => c.Tags.Contains("storage"));
            o.Services.Map("messaging", c => c.Name == "mail");
        });
        _mail = HealthStatus.Unhealthy;

        await PublishAsync();

        Assert.True(health.TryGetStatus("storage", out var storage));
        Assert.True(health.TryGetStatus("messaging", out var messaging));
        Assert.True(health.TryGetStatus("", out var server));
        Assert.Equal((ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.NotServing), (storage, messaging, server));
    }

    [Fact]
    public async Task Watch_MappedServiceBeforeAnyPublish_SendsCheckedStatusThenPublishedChanges()
    {
        var health = Build();
        var stream = new RecordingServerStreamWriter<HealthCheckResponse>();
        using var client = new CancellationTokenSource();
        var watch = health.Watch(new HealthCheckRequest(), stream, new TestServerCallContext("/grpc.health.v1.Health/Watch", client.Token));
        await stream.WaitForCountAsync(1, watch);

        _database = HealthStatus.Unhealthy;
        await PublishAsync();

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], (await stream.WaitForCountAsync(2, watch)).Select(r => r.Status));
        await client.CancelAsync();
        await watch;
    }

    private sealed class TestLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }

    [Fact]
    public async Task ApplicationStopping_EveryServiceNotServingDespiteHealthyChecks()
    {
        using var lifetime = new TestLifetime();
        var health = Build(o => o.Services.Map("storage", c => c.Tags.Contains("storage")), services => services.AddSingleton<IHostApplicationLifetime>(lifetime));
        await PublishAsync();
        // Only the shutdown hook: the framework's publisher service would start its own timers.
        await Assert.Single(_provider!.GetServices<IHostedService>().OfType<HealthShutdownService>()).StartAsync(CancellationToken.None);

        lifetime.StopApplication();
        await PublishAsync();

        Assert.Equal(ServingStatus.NotServing, await CheckAsync(health, ""));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(health, "storage"));
    }
}
