using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Server.Infrastructure;

namespace VetActors.Rpc.Tests.Server;

/// <summary>Where a call's service instance and its dependencies come from.</summary>
public sealed class ServiceActivationTests
{
    private const string EchoPath = "/vetactors.rpc.tests.EchoService/Echo";

    [Fact]
    public async Task ScopedDependency_IsTheRequestScopesInstance_NewPerCall()
    {
        await using var server = await TestGrpcServer.StartAsync(
            configureServices: (services, _) => services.AddSingleton<ActivationProbe>().AddScoped<CallScoped>(),
            configureApp: app => app.MapGrpcService<ScopedDependencyService>());

        var first = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest()));
        var second = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest()));

        Assert.Equal("0", first.Status);
        Assert.Equal("same scope", EchoReply.Parser.ParseFrom(Assert.Single(first.Frames).Payload).Text);
        var probe = server.Services.GetRequiredService<ActivationProbe>();
        Assert.Equal(2, probe.Scoped.Count);
        Assert.NotSame(probe.Scoped[0], probe.Scoped[1]);
        Assert.Equal("same scope", EchoReply.Parser.ParseFrom(Assert.Single(second.Frames).Payload).Text);
    }

    [Fact]
    public async Task SingletonDependencies_AreTheApplicationsInstances_NewServicePerCall()
    {
        await using var server = await TestGrpcServer.StartAsync(
            configureServices: (services, _) => services.AddSingleton<ActivationProbe>(),
            configureApp: app => app.MapGrpcService<SingletonDependencyService>());

        for (var i = 0; i < 3; i++)
        {
            var response = await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = $"call {i}" }));
            Assert.Equal("0", response.Status);
            Assert.Equal($"call {i}", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames).Payload).Text);
        }

        var probe = server.Services.GetRequiredService<ActivationProbe>();
        Assert.Equal(3, probe.Services.Distinct().Count());
        Assert.Same(server.Services.GetRequiredService<TimeProvider>(), Assert.Single(probe.TimeProviders.Distinct()));
    }

    [Fact]
    public async Task SingletonServiceRegistration_IsUsedForEveryCall()
    {
        await using var server = await TestGrpcServer.StartAsync(
            configureServices: (services, _) => services.AddSingleton<ActivationProbe>().AddSingleton<SingletonDependencyService>(),
            configureApp: app => app.MapGrpcService<SingletonDependencyService>());

        await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "a" }));
        await server.CallAsync(EchoPath, GrpcWire.Frame(new EchoRequest { Text = "b" }));

        var probe = server.Services.GetRequiredService<ActivationProbe>();
        Assert.Same(server.Services.GetRequiredService<SingletonDependencyService>(), Assert.Single(probe.Services.Distinct()));
    }

    /// <summary>A singleton recording what the services saw.</summary>
    internal sealed class ActivationProbe
    {
        public List<CallScoped> Scoped { get; } = [];

        public List<object> Services { get; } = [];

        public List<TimeProvider> TimeProviders { get; } = [];
    }

    internal sealed class CallScoped;

    internal sealed class ScopedDependencyService(CallScoped scoped, ActivationProbe probe) : EchoService.EchoServiceBase
    {
        public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
        {
            probe.Scoped.Add(scoped);
            var fromRequest = context.GetHttpContext().RequestServices.GetRequiredService<CallScoped>();
            return Task.FromResult(new EchoReply { Text = ReferenceEquals(fromRequest, scoped) ? "same scope" : "other scope" });
        }
    }

    internal sealed class SingletonDependencyService(TimeProvider time, ActivationProbe probe) : EchoService.EchoServiceBase
    {
        public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
        {
            probe.Services.Add(this);
            probe.TimeProviders.Add(time);
            return Task.FromResult(new EchoReply { Text = request.Text });
        }
    }
}
