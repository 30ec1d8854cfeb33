using Grpc.Core;
using Grpc.Health.V1;
using VetActors.Rpc.Health;
using VetActors.Rpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VetActors.Rpc.Tests.Health;

public sealed class HealthServiceImplTests
{
    private readonly HealthServiceImpl _health = new();

    [Theory]
    [InlineData("")]
    [InlineData("vetactors.portal.v1.Portal")]
    public async Task Check_UnknownService_FailsNotFound(string service)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _health.Check(new HealthCheckRequest { Service = service }, new TestServerCallContext()));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData("", ServingStatus.Serving)]
    [InlineData("", ServingStatus.NotServing)]
    [InlineData("vetactors.portal.v1.Portal", ServingStatus.Serving)]
    [InlineData("vetactors.portal.v1.Portal", ServingStatus.NotServing)]
    public async Task Check_AfterSetStatus_ReturnsThatStatus(string service, ServingStatus status)
    {
        _health.SetStatus(service, status);

        var response = await _health.Check(new HealthCheckRequest { Service = service }, new TestServerCallContext());

        Assert.Equal(status, response.Status);
    }

    [Fact]
    public async Task Check_NameDiffersInCase_FailsNotFound()
    {
        _health.SetStatus("vetactors.portal.v1.Portal", ServingStatus.Serving);

        var error = await Assert.ThrowsAsync<RpcException>(() => _health.Check(new HealthCheckRequest { Service = "vetactors.portal.v1.portal" }, new TestServerCallContext()));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Check_AfterStatusChanges_ReturnsLatest()
    {
        _health.SetStatus("", ServingStatus.Serving);
        _health.SetStatus("", ServingStatus.NotServing);

        var response = await _health.Check(new HealthCheckRequest(), new TestServerCallContext());

        Assert.Equal(ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Check_AfterClearStatus_FailsNotFound()
    {
        _health.SetStatus("a", ServingStatus.Serving);
        _health.SetStatus("b", ServingStatus.Serving);

        _health.ClearStatus("a");

        var error = await Assert.ThrowsAsync<RpcException>(() => _health.Check(new HealthCheckRequest { Service = "a" }, new TestServerCallContext()));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(ServingStatus.Serving, (await _health.Check(new HealthCheckRequest { Service = "b" }, new TestServerCallContext())).Status);
    }

    [Fact]
    public async Task Check_AfterClearAll_FailsNotFoundForEveryService()
    {
        _health.SetStatus("", ServingStatus.Serving);
        _health.SetStatus("b", ServingStatus.NotServing);

        _health.ClearAll();

        Assert.False(_health.TryGetStatus("", out _));
        var error = await Assert.ThrowsAsync<RpcException>(() => _health.Check(new HealthCheckRequest { Service = "b" }, new TestServerCallContext()));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Shutdown_KnownServicesBecomeNotServingAndStayThere()
    {
        _health.SetStatus("", ServingStatus.Serving);
        _health.SetStatus("a", ServingStatus.Serving);

        _health.Shutdown();
        _health.SetStatus("", ServingStatus.Serving);
        _health.ClearStatus("a");
        _health.SetStatus("b", ServingStatus.Serving);

        Assert.Equal(ServingStatus.NotServing, (await _health.Check(new HealthCheckRequest(), new TestServerCallContext())).Status);
        Assert.Equal(ServingStatus.NotServing, (await _health.Check(new HealthCheckRequest { Service = "a" }, new TestServerCallContext())).Status);
        Assert.False(_health.TryGetStatus("b", out _));
    }
}
