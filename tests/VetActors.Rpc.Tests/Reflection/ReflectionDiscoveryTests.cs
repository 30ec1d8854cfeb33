using Grpc.Core;
using Grpc.Reflection.V1;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VetActors.Rpc.Health;
using VetActors.Rpc.Reflection;
using VetActors.Rpc.Reflection.Internal;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Reflection;

/// <summary>Which services reflection describes when they come from the application's gRPC endpoints.</summary>
public sealed class ReflectionDiscoveryTests
{
    private sealed class EchoImpl : EchoService.EchoServiceBase
    {
    }

    private sealed class DerivedEchoImpl : EchoService.EchoServiceBase
    {
    }

    /// <summary>A service written by hand, with no protobuf descriptor to serve.</summary>
    private sealed class HandWrittenService
    {
    }

    private static Endpoint GrpcEndpoint(Type serviceType, string service, string method) =>
        new(_ => Task.CompletedTask, new EndpointMetadataCollection(new GrpcMethodMetadata(serviceType, new Method<string, string>(
            MethodType.Unary, service, method, Marshallers.StringMarshaller, Marshallers.StringMarshaller))), $"/{service}/{method}");

    private static DefaultEndpointDataSource Endpoints() => new(
        GrpcEndpoint(typeof(EchoImpl), "vetactors.rpc.tests.EchoService", "Echo"),
        GrpcEndpoint(typeof(EchoImpl), "vetactors.rpc.tests.EchoService", "Chat"),
        new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "/health"),
        GrpcEndpoint(typeof(HandWrittenService), "vetactors.tests.Hand", "Call"),
        GrpcEndpoint(typeof(HealthServiceImpl), "grpc.health.v1.Health", "Check"),
        GrpcEndpoint(typeof(DerivedEchoImpl), "vetactors.rpc.tests.EchoService", "Echo"));

    [Theory]
    [InlineData(typeof(HealthServiceImpl), "grpc.health.v1.Health")]
    [InlineData(typeof(ReflectionServiceImpl), "grpc.reflection.v1.ServerReflection")]
    [InlineData(typeof(ReflectionV1AlphaServiceImpl), "grpc.reflection.v1alpha.ServerReflection")]
    [InlineData(typeof(EchoImpl), "vetactors.rpc.tests.EchoService")]
    [InlineData(typeof(EchoService.EchoServiceBase), "vetactors.rpc.tests.EchoService")]
    public void Locator_GeneratedServiceImplementation_FindsItsDescriptor(Type serviceType, string fullName)
    {
        Assert.Equal(fullName, ServiceDescriptorLocator.Find(serviceType)?.FullName);
    }

    [Theory]
    [InlineData(typeof(HandWrittenService))]
    [InlineData(typeof(object))]
    public void Locator_TypeWithoutGeneratedBase_FindsNothing(Type serviceType)
    {
        Assert.Null(ServiceDescriptorLocator.Find(serviceType));
    }

    [Fact]
    public void FromEndpoints_ListsEachDescribedServiceOnceInMappingOrder()
    {
        var services = ReflectionRegistrySource.FromEndpoints(Endpoints()).Select(s => s.FullName);

        Assert.Equal(["vetactors.rpc.tests.EchoService", "grpc.health.v1.Health"], services);
    }

    [Fact]
    public async Task AddGrpcReflection_BothVersionsDescribeTheApplicationsEndpoints()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<EndpointDataSource>(Endpoints());
        services.AddGrpcReflection();
        using var provider = services.BuildServiceProvider();

        var v1 = await ListAsync(provider.GetRequiredService<ReflectionServiceImpl>());
        var v1Alpha = await ListAlphaAsync(provider.GetRequiredService<ReflectionV1AlphaServiceImpl>());

        Assert.Equal(["vetactors.rpc.tests.EchoService", "grpc.health.v1.Health"], v1);
        Assert.Equal(v1, v1Alpha);
    }

    private static async Task<IEnumerable<string>> ListAsync(ReflectionServiceImpl reflection)
    {
        var input = new TestAsyncStreamReader<ServerReflectionRequest>();
        var output = new RecordingServerStreamWriter<ServerReflectionResponse>();
        input.Add(new ServerReflectionRequest { ListServices = "" });
        input.Complete();
        await reflection.ServerReflectionInfo(input, output, new TestServerCallContext());
        return Assert.Single(output.Messages).ListServicesResponse.Service.Select(s => s.Name);
    }

    private static async Task<IEnumerable<string>> ListAlphaAsync(ReflectionV1AlphaServiceImpl reflection)
    {
        var input = new TestAsyncStreamReader<Grpc.Reflection.V1Alpha.ServerReflectionRequest>();
        var output = new RecordingServerStreamWriter<Grpc.Reflection.V1Alpha.ServerReflectionResponse>();
        input.Add(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        input.Complete();
        await reflection.ServerReflectionInfo(input, output, new TestServerCallContext());
        return Assert.Single(output.Messages).ListServicesResponse.Service.Select(s => s.Name);
    }
}
